//! `councildata completions SHELL` and `councildata man`: shell completion scripts and man
//! pages generated from the command-line definition, so they cannot drift from `--help`.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

use crate::error::Error;

/// The completion script for `shell`.
pub fn completions(shell: Shell, mut cmd: clap::Command) -> Vec<u8> {
    let name = cmd.get_name().to_string();
    // Into memory first: clap_complete panics on a failed write, such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    script
}

/// The man page of the whole command (roff), listing its subcommands.
pub fn man_page(cmd: clap::Command) -> Result<Vec<u8>, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page).map_err(|e| Error::output("councildata.1", e))?;
    Ok(page)
}

/// Writes `councildata.1` and one `councildata-<command>.1` per subcommand into `dir`;
/// returns the files written, the main page first.
pub fn man_pages(cmd: clap::Command, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let mut written = Vec::new();
    write_pages(&cmd, dir, &mut written)?;
    Ok(written)
}

fn write_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> Result<(), Error> {
    let man = clap_mangen::Man::new(cmd.clone());
    let path = man.generate_to(dir).map_err(|e| Error::io(dir.join(man.get_filename()), &e))?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli() -> clap::Command {
        clap::Command::new("councildata")
            .about("EU Council document text in, a typed CSV + Parquet dataset out.")
            .subcommand(clap::Command::new("extract").about("Extract documents"))
            .subcommand(clap::Command::new("report").about("Draw a dataset"))
    }

    #[test]
    fn completions_know_every_subcommand() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = String::from_utf8(completions(shell, cli())).unwrap();
            assert!(script.contains("extract") && script.contains("report"), "{shell}");
        }
    }

    #[test]
    fn man_page_lists_every_subcommand() {
        let page = String::from_utf8(man_page(cli()).unwrap()).unwrap();
        assert!(page.starts_with(".ie"), "{page}");
        assert!(
            page.contains("councildata\\-extract(1)") && page.contains("councildata\\-report(1)"),
            "{page}"
        );
    }

    #[test]
    fn one_page_per_command() {
        let dir = tempfile::tempdir().unwrap();
        let files = man_pages(cli(), dir.path()).unwrap();
        let names: Vec<String> =
            files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["councildata.1", "councildata-extract.1", "councildata-report.1"]);
    }
}
