//! The default store lives in the XDG data directory. One test in its own binary, because
//! it changes environment variables that other tests in the same process would see.

use sidenote::store::Store;

#[test]
fn the_default_store_follows_xdg_data_home_then_home() {
    let tmp = tempfile::tempdir().unwrap();
    let xdg = tmp.path().join("xdg-data");
    let home = tmp.path().join("home");
    std::env::set_var("HOME", &home);
    std::env::set_var("XDG_DATA_HOME", &xdg);
    let s = Store::open_default().unwrap();
    assert_eq!(s.dir(), xdg.join("sidenote"));
    assert!(!s.dir().exists(), "opening the store creates nothing");
    s.push_history("ferry").unwrap();
    assert!(xdg.join("sidenote/history.json").exists());

    // A relative XDG_DATA_HOME is invalid per the spec and ignored, as is an unset one.
    std::env::set_var("XDG_DATA_HOME", "relative/dir");
    assert_eq!(
        Store::open_default().unwrap().dir(),
        home.join(".local/share/sidenote")
    );
    std::env::remove_var("XDG_DATA_HOME");
    assert_eq!(
        Store::open_default().unwrap().dir(),
        home.join(".local/share/sidenote")
    );
}
