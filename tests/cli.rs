//! The command line's own documentation: `--help` with examples for every command, and the
//! completion scripts and man pages generated from the same definition.

use crate::util::Workdir;

/// The subcommands `councildata --help` lists.
fn subcommands(wd: &Workdir) -> Vec<String> {
    let out = wd.run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let listed = help.split("Commands:\n").nth(1).expect("a Commands: section");
    let names: Vec<String> = listed
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    for expected in ["extract", "validate", "report", "completions", "man"] {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
    }
    names
}

#[test]
fn every_command_has_help_with_examples() {
    let wd = Workdir::new();
    let top = wd.run(&["--help"]);
    assert!(String::from_utf8_lossy(&top.stdout).contains("Examples:"));
    for name in subcommands(&wd) {
        let out = wd.run(&[&name, "--help"]);
        assert!(out.status.success(), "{name}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Examples:\n  councildata "), "{name} --help:\n{help}");
    }
}

#[test]
fn completions_know_every_command() {
    let wd = Workdir::new();
    let names = subcommands(&wd);
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = wd.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell} completion lacks {name}");
        }
    }
    assert_eq!(wd.run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_lists_every_command() {
    let wd = Workdir::new();
    let names = subcommands(&wd);
    let out = wd.run(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH councildata 1"), "{page}");
    for name in &names {
        assert!(page.contains(&format!("councildata\\-{name}(1)")), "man page lacks {name}");
    }
}

#[test]
fn man_pages_are_written_one_per_command() {
    let wd = Workdir::new();
    let names = subcommands(&wd);
    let out = wd.run(&["man", "--out-dir", "."]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(wd.read("councildata.1").contains(".SH SUBCOMMANDS"));
    for name in &names {
        let page = wd.read(&format!("councildata-{name}.1"));
        assert!(page.contains(".SH EXTRA") || page.contains("Examples:"), "{name}: {page}");
    }
}
