//! The command line's reference, made from the same clap definitions as
//! the commands: `completions bash|zsh|fish` (clap_complete) and `manual`
//! (a roff manual page, clap_mangen), each to standard output.

use super::Cli;
use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// The shells a completion script is written for.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut command, "extras-kiosk", &mut out);
    out
}

/// The manual page, in roff: the program, then every command (and its
/// subcommands) with its synopsis and options, in one page.
pub fn manual_page() -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    fn commands(out: &mut Vec<u8>, parent: &str, command: &clap::Command) -> std::io::Result<()> {
        for sub in command.get_subcommands() {
            let name = format!("{parent} {}", sub.get_name());
            writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
            let sub = sub
                .clone()
                .bin_name(name.clone())
                .display_name(name.clone());
            let man = clap_mangen::Man::new(sub.clone());
            man.render_description_section(out)?;
            man.render_synopsis_section(out)?;
            if sub.get_arguments().any(|a| !a.is_hide_set()) {
                man.render_options_section(out)?;
            }
            commands(out, &name, &sub)?;
        }
        Ok(())
    }
    commands(&mut out, "extras-kiosk", &command)?;
    Ok(out)
}

pub fn completions(shell: Shell) -> Result<ExitCode> {
    std::io::stdout()
        .lock()
        .write_all(&completion_script(shell))?;
    Ok(ExitCode::SUCCESS)
}

pub fn manual() -> Result<ExitCode> {
    std::io::stdout().lock().write_all(&manual_page()?)?;
    Ok(ExitCode::SUCCESS)
}
