//! `sidenote config` and `sidenote config --default`, with the config file in a
//! temporary XDG_CONFIG_HOME (never the real home).

use std::process::{Command, Output, Stdio};

fn run(config_home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("HOME", config_home)
        .env("XDG_CONFIG_HOME", config_home)
        .env("XDG_DATA_HOME", config_home.join("data"))
        .stdin(Stdio::null())
        .output()
        .expect("run sidenote")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn config_default_prints_the_embedded_defaults() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = run(home.path(), &["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), sidenote::config::DEFAULTS);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn config_prints_the_merged_configuration_and_the_file_s_problems() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = run(home.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("does not exist"), "{shown}");
    assert!(shown.contains("theme = \"dark\"\n"), "{shown}");

    let dir = home.path().join("sidenote");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "width = 64\nsidenote = \"on\"\n[keys.reading]\nquit = [\"x\"]\n",
    )
    .expect("write");
    let out = run(home.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("width = 64\n"), "{shown}");
    assert!(shown.contains("\nquit = [\"x\"]  # quit\n"), "{shown}");
    assert!(shown.contains("merged on top"), "{shown}");
    let said = text(&out.stderr);
    assert!(
        said.contains("config.toml:2:1: unknown setting \"sidenote\""),
        "{said}"
    );
    // What it printed reads back with no problem.
    let (config, problems) = sidenote::config::Config::from_text(&shown, "printed");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.width, 64);
}

#[test]
fn a_bad_color_value_is_a_usage_error() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = run(home.path(), &["--color", "sometimes", "--dump"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("always"),
        "{}",
        text(&out.stderr)
    );
}
