//! Shell integration: completion scripts and the man page are generated from the one CLI
//! definition, so every option and subcommand the program takes is in each of them.

use clap::CommandFactory;
use sidenote::cli::Cli;
use std::process::Command;

/// Every subcommand name, and every long option of the program and of its subcommands.
fn everything() -> (Vec<String>, Vec<String>) {
    let cmd = Cli::command();
    let longs = |c: &clap::Command| -> Vec<String> {
        c.get_arguments()
            .filter_map(|a| a.get_long())
            .map(|l| format!("--{l}"))
            .collect()
    };
    let mut options = longs(&cmd);
    let mut subcommands = Vec::new();
    for sub in cmd.get_subcommands() {
        subcommands.push(sub.get_name().to_string());
        options.extend(longs(sub));
    }
    options.sort();
    options.dedup();
    (subcommands, options)
}

#[test]
fn the_cli_has_what_this_test_looks_for() {
    let (subcommands, options) = everything();
    for s in ["bookmarks", "completions", "man", "check"] {
        assert!(subcommands.iter().any(|x| x == s), "no subcommand {s}");
    }
    for o in ["--dump", "--json", "--refresh", "--format", "--sidenotes"] {
        assert!(options.iter().any(|x| x == o), "no option {o}");
    }
}

#[test]
fn every_shell_completes_every_option_and_subcommand() {
    let (subcommands, options) = everything();
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
        clap_complete::Shell::Elvish,
        clap_complete::Shell::PowerShell,
    ] {
        let mut out = Vec::new();
        sidenote::shell::completions(shell, &mut out).expect("completions");
        let script = String::from_utf8(out).expect("UTF-8");
        for word in subcommands.iter().chain(&options) {
            // fish writes long options without their dashes (`-l refresh`).
            let bare = word.trim_start_matches('-');
            let found = script.contains(word.as_str())
                || (shell == clap_complete::Shell::Fish && script.contains(&format!("-l {bare}")));
            assert!(found, "{shell} completion lacks {word}");
        }
    }
}

#[test]
fn the_man_page_names_every_option_and_subcommand() {
    let mut out = Vec::new();
    sidenote::shell::man(&mut out).expect("man");
    let page = String::from_utf8(out).expect("UTF-8");
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "not roff:\n{page}"
    );
    assert!(page.contains(".TH sidenote 1"));
    // roff writes a hyphen as `\-`.
    let plain = page.replace("\\-", "-");
    let (subcommands, options) = everything();
    for word in subcommands.iter().chain(&options) {
        assert!(plain.contains(word.as_str()), "man page lacks {word}");
    }
    for section in [
        "SIDENOTE CHECK",
        "SIDENOTE COMPLETIONS",
        "SIDENOTE MAN",
        "EXIT STATUS",
    ] {
        assert!(page.contains(section), "man page lacks section {section}");
    }
    // One string definition, at the top: the subcommands' copies are dropped.
    assert_eq!(page.matches(".el .ds Aq").count(), 1);
}

#[test]
fn the_subcommands_print_to_standard_output_and_succeed() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["completions", "elvish"],
        &["completions", "powershell"],
        &["man"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_sidenote"))
            .args(args)
            .output()
            .expect("run sidenote");
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(out.stdout.len() > 500, "{args:?} printed little");
        assert!(out.stderr.is_empty(), "{args:?}: {out:?}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(["completions", "tcsh"])
        .output()
        .expect("run sidenote");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bash"));
}
