//! `extras-kiosk serve` (the web app on this kiosk's file, following its
//! hub) and `extras-kiosk web user ...` (the people who may sign in).

use super::Cli;
use anyhow::{Context, Result, bail};
use chrono::Utc;
use clap::{Args, Subcommand};
use extras_kiosk::kiosk::{Role, Station};
use extras_kiosk::store::Store;
use extras_kiosk::store::hub::{HubAddress, follow};
use extras_kiosk::web::{self, Transport, WebApp, tls};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

#[derive(Args)]
pub struct ServeArgs {
    /// The address and port to listen on (0.0.0.0:8443 for the set's network)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    listen: SocketAddr,
    /// The TLS certificate (PEM), with --tls-key
    #[arg(
        long,
        value_name = "PEM",
        requires = "tls_key",
        conflicts_with = "tls_self_signed"
    )]
    tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM), with --tls-cert
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Make a certificate for this machine's names and addresses (kept
    /// beside the database) and print its fingerprint
    #[arg(long)]
    tls_self_signed: bool,
    /// Serve plain HTTP on an address other than loopback (passwords cross
    /// the network in the clear: a network of your own only)
    #[arg(long)]
    insecure_http: bool,
}

#[derive(Subcommand)]
pub enum WebCommand {
    /// The people who may sign in to the web app (local to this kiosk)
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add someone: viewer (dashboard, roster), supervisor (everything), payroll (review, exports)
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the password from standard input (one line)
        #[arg(long)]
        password_stdin: bool,
    },
    /// The web users and their roles
    List,
    /// Remove someone (their sessions end)
    Remove { name: String },
    /// Give someone a new password (their sessions end)
    Password {
        name: String,
        /// Read the password from standard input (one line)
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
}

fn read_password(from_stdin: bool) -> Result<String> {
    use std::io::IsTerminal;
    if !from_stdin && std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12 characters or more): ")?;
        let again = rpassword::prompt_password("The same password again: ")?;
        if first != again {
            bail!(
                "the two passwords differ: nothing was changed; run the command again and type the same password twice"
            );
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("the password could not be read from standard input: give it on one line (printf '%s\\n' PASSWORD | ...)")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn station(cli: &Cli) -> Result<Station> {
    Ok(Station::open(cli.open_store()?, None)?)
}

pub fn web(cli: &Cli, command: &WebCommand) -> Result<ExitCode> {
    let WebCommand::User { command } = command;
    let mut station = station(cli)?;
    match command {
        UserCommand::Add {
            name,
            role,
            password_stdin,
        } => {
            let password = read_password(*password_stdin)?;
            let user = station.add_web_user(name, *role, &password, Utc::now())?;
            println!("Added {} as {}.", user.name, user.role.code());
        }
        UserCommand::List => {
            let users = station.web_users()?;
            if users.is_empty() {
                println!(
                    "No web users yet: add one with `extras-kiosk web user add NAME --role supervisor`."
                );
            }
            for u in users {
                println!("{}\t{}", u.name, u.role.code());
            }
        }
        UserCommand::Remove { name } => {
            station.remove_web_user(name)?;
            println!("Removed {name}; their sessions ended.");
        }
        UserCommand::Password {
            name,
            password_stdin,
        } => {
            let password = read_password(*password_stdin)?;
            station.set_web_password(name, &password)?;
            println!("New password for {name}; their sessions ended.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Follows the hub at `url` for `db` on a thread of its own, as the kiosk
/// app does; the web app sees what comes in through the file.
fn follow_hub(db: PathBuf, url: &str) {
    let address = match HubAddress::parse(url) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("the hub's address {url} does not read ({e}): serving this file alone");
            return;
        }
    };
    std::thread::spawn(move || {
        let stop = AtomicBool::new(false);
        if let Err(e) = follow(&db, &address, &stop, |_| {}) {
            eprintln!("the hub stopped answering ({e}): the pages show this file as it stands");
            if let Ok(store) = Store::open(&db) {
                let _ = store.note_hub_offline(&e.to_string(), Utc::now());
            }
        }
    });
}

pub fn serve(cli: &Cli, args: &ServeArgs) -> Result<ExitCode> {
    let station = station(cli)?;
    let db = station.database_path().to_path_buf();
    let transport = match (&args.tls_cert, &args.tls_key, args.tls_self_signed) {
        (Some(cert), Some(key), _) => Transport::Tls(tls::CertFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        (_, _, true) => Transport::Tls(
            tls::self_signed(&db, tls::machine_names(args.listen)).map_err(anyhow::Error::msg)?,
        ),
        _ => Transport::Http,
    };
    web::check_transport(args.listen, &transport, args.insecure_http)
        .map_err(anyhow::Error::msg)?;
    if station.web_users()?.is_empty() {
        eprintln!(
            "No one can sign in yet: add someone with `extras-kiosk web user add NAME --role supervisor`."
        );
    }
    match station.day() {
        Some(day) => eprintln!(
            "Serving {} ({}) from {}.",
            day.title,
            day.date,
            db.display()
        ),
        None => eprintln!(
            "No shoot day is open in {}: the pages say so until one is; open one with `extras-kiosk day open`.",
            db.display()
        ),
    }
    if let Transport::Tls(files) = &transport {
        let print = tls::fingerprint(&files.cert).map_err(anyhow::Error::msg)?;
        eprintln!(
            "Certificate {}\n  SHA-256 fingerprint {print}\n  compare it with the browser's on the first visit.",
            files.cert.display()
        );
    }
    match station.hub_address()? {
        Some(url) => {
            eprintln!("Following the hub {url}.");
            follow_hub(db.clone(), &url);
        }
        None => eprintln!("No hub set: serving this kiosk's file alone."),
    }
    let secure = matches!(transport, Transport::Tls(_));
    let app = WebApp::new(station, secure, Arc::new(Utc::now))?;
    let scheme = if secure { "https" } else { "http" };
    web::serve(app, args.listen, transport, |bound| {
        println!("Listening on {scheme}://{bound}/");
    })
    .map_err(anyhow::Error::msg)?;
    Ok(ExitCode::SUCCESS)
}
