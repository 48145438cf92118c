//! The `annals` command line: parses arguments, calls the library, prints
//! what happened, and exits 0 (success), 1 (problems in the site) or 2
//! (wrong usage).

use annals::serve::{Progress, ServeOptions};
use annals::{BuildOptions, Diagnostic, diagnostics};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "Annals: a static site generator for event timelines",
    long_about = "Annals turns a folder of Markdown event files into a static timeline site: \
a chronological timeline, one page per event, actor, place and tag.",
    after_help = "Examples:\n  annals build                 build ./ into ./public\n  annals serve                 preview at http://127.0.0.1:1111/\n  annals check my-timeline     report every problem, write nothing\n  annals new \"Talks in Riyadh\" --date 2025-02-18"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    #[command(
        after_help = "Examples:\n  annals build\n  annals build my-timeline --output /var/www/timeline\n  annals build --base-url https://example.org/timeline/ --drafts"
    )]
    Build {
        /// The site folder, holding content/ and optionally annals.yaml.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write the site [default: SITE_DIR/public].
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The address the site is published at (overrides annals.yaml).
        #[arg(long)]
        base_url: Option<String>,
        /// Judge expectations on this day, as `as_of` in annals.yaml does (2025-03-10).
        #[arg(long, value_parser = as_of_day)]
        as_of: Option<String>,
        /// Include events marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Load and render everything, report every problem, write nothing.
    #[command(after_help = "Examples:\n  annals check\n  annals check my-timeline --drafts")]
    Check {
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Check drafts too (they are always checked for errors; this also renders them).
        #[arg(long)]
        drafts: bool,
        /// Judge expectations on this day [default: annals.yaml's as_of, else today].
        #[arg(long, value_parser = as_of_day)]
        as_of: Option<String>,
        /// Count warnings as problems: exit 1 if there are any.
        #[arg(long)]
        strict: bool,
    },
    /// Build the site in memory and serve it over HTTP, reloading open pages on changes.
    #[command(
        after_help = "Examples:\n  annals serve\n  annals serve my-timeline --port 8080\n  annals serve --bind 0.0.0.0 --drafts"
    )]
    Serve {
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The port to listen on; the next free one is used if it is taken (0: any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on: an IP address of this machine, or localhost.
        #[arg(long, default_value = "127.0.0.1", value_parser = bind_address)]
        bind: String,
        /// Judge expectations on this day, as `as_of` in annals.yaml does (2025-03-10).
        #[arg(long, value_parser = as_of_day)]
        as_of: Option<String>,
        /// Include events marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Do not watch for changes or reload open pages.
        #[arg(long)]
        no_reload: bool,
    },
    /// Start a new site: settings, an introduction and two example events.
    #[command(
        after_help = "Examples:\n  annals init my-timeline && annals serve my-timeline\n  annals init my-timeline --theme   # also copy the templates, to edit them"
    )]
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Copy the default theme's templates into templates/ for editing.
        #[arg(long)]
        theme: bool,
        /// Add the missing files to a folder that is not empty (no file is replaced).
        #[arg(long)]
        force: bool,
    },
    /// Write a new event file, content/<date>-<slug>.md, ready to fill in.
    #[command(
        after_help = "Examples:\n  annals new \"Talks in Riyadh\" --date 2025-02-18\n  annals new my-timeline \"Summit announced\" --date 2025-03"
    )]
    New {
        /// [SITE_DIR] TITLE: the site folder (default .) and the event's title.
        #[arg(num_args = 1..=2, required = true, value_names = ["SITE_DIR", "TITLE"])]
        args: Vec<String>,
        /// The event's date: 2025, 2025-02 or 2025-02-18 [default: today].
        #[arg(long, value_parser = event_date)]
        date: Option<String>,
    },
    /// Import a timeline made for another tool: one event file per slide.
    #[command(
        long_about = "Import a timeline made for another tool into SITE_DIR/content/: one \
event file per slide, the title slide as _index.md. Existing files are never replaced; \
every slide that is not imported is listed with the reason.",
        after_help = "Examples:\n  annals import timelinejs timeline.json\n  annals import timelinejs \"My timeline - Sheet1.csv\" my-timeline\n  annals import timelinejs timeline.json my-timeline && annals build my-timeline"
    )]
    Import {
        /// What FILE is.
        #[arg(value_enum)]
        format: ImportFormat,
        /// The file to import (.json or .csv).
        file: PathBuf,
        /// The site folder to import into; content/ is made if needed.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The day of the import: a slide dated after it becomes `expected` [default: today].
        #[arg(long, value_parser = as_of_day)]
        today: Option<String>,
    },
}

/// What `annals import` reads.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportFormat {
    /// TimelineJS 3: its JSON format, or the CSV export of its Google Sheets template.
    Timelinejs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut problems) => {
            diagnostics::sort(&mut problems);
            diagnostics::print_all(&problems);
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Vec<Diagnostic>> {
    match command {
        Command::Build {
            site_dir,
            output,
            base_url,
            as_of,
            drafts,
        } => {
            check_base_url(base_url.as_deref());
            let options = BuildOptions {
                site_dir,
                base_url,
                as_of,
                drafts,
            };
            let report = annals::build(&options, output.as_deref())?;
            print_notes(&report);
            println!(
                "built {} -> {} ({})",
                report.summary(),
                diagnostics::display_path(&report.output).display(),
                report.changed()
            );
            Ok(())
        }
        Command::Check {
            site_dir,
            drafts,
            as_of,
            strict,
        } => {
            let report = annals::check(&BuildOptions {
                site_dir,
                base_url: None,
                as_of,
                drafts,
            })?;
            // Notes are about the files a build writes; check writes none.
            print_warnings(&report);
            if strict && !report.warnings.is_empty() {
                let n = report.warnings.len();
                eprintln!(
                    "{n} {} with --strict; nothing was written.",
                    diagnostics::plural(
                        n,
                        "warning counts as a problem",
                        "warnings count as problems"
                    )
                );
                let _ = std::io::stdout().flush();
                std::process::exit(1);
            }
            match report.warnings.len() {
                0 => println!("checked {}: no problems", report.summary()),
                n => println!(
                    "checked {}: no errors, {n} {}",
                    report.summary(),
                    diagnostics::plural(n, "warning", "warnings")
                ),
            }
            Ok(())
        }
        Command::Serve {
            site_dir,
            port,
            bind,
            as_of,
            drafts,
            no_reload,
        } => {
            // The site is served from memory: nothing to clean up, so Ctrl+C
            // and SIGTERM end the server at once, successfully.
            let _ = ctrlc::set_handler(|| std::process::exit(0));
            let options = ServeOptions {
                site_dir,
                bind,
                port,
                drafts,
                as_of,
                reload: !no_reload,
            };
            annals::serve::serve(options, print_progress)
        }
        Command::Init { dir, theme, force } => {
            let done = annals::init::init(&dir, theme, force).map_err(|d| vec![d])?;
            for path in &done.kept {
                eprintln!("kept {}, which exists already", path.display());
            }
            let verb = if done.kept.is_empty() {
                "created a site in"
            } else {
                "added the missing files to"
            };
            println!(
                "{verb} {} ({} files); preview it with: annals serve {}",
                dir.display(),
                done.written.len(),
                dir.display()
            );
            Ok(())
        }
        Command::New { args, date } => {
            let (site_dir, title) = match args.as_slice() {
                [title] => (PathBuf::from("."), title.as_str()),
                [site, title] => (PathBuf::from(site), title.as_str()),
                _ => unreachable!("clap allows one or two values"),
            };
            if title.trim().is_empty() {
                usage_error("the title is empty; write it like: annals new \"Talks in Riyadh\"");
            }
            if !site_dir.is_dir() {
                usage_error(&format!(
                    "there is no site folder {}; a title of several words must be quoted: \
                     annals new \"{} {}\"",
                    site_dir.display(),
                    site_dir.display(),
                    title
                ));
            }
            let path =
                annals::new::new_event(&site_dir, title, date.as_deref()).map_err(|d| vec![d])?;
            println!("wrote {}", path.display());
            Ok(())
        }
        Command::Import {
            format: ImportFormat::Timelinejs,
            file,
            site_dir,
            today,
        } => {
            let today = match today {
                Some(day) => annals::source::config::as_of(&day)
                    .map_err(|why| vec![Diagnostic::new(None, format!("--today: {why}"))])?,
                None => annals::date::today(),
            };
            let report = annals::import::timelinejs(&file, &site_dir, &today)?;
            for line in &report.messages {
                eprintln!("{line}");
            }
            println!("{}", report.summary());
            if let Some(why) = report.nothing {
                let shown = annals::diagnostics::display_path(&file);
                return Err(vec![
                    Diagnostic::new(Some(&shown), format!("no event was imported: {why}"))
                        .help("an import that writes no event fails, so `annals import … && annals build` never publishes an empty site"),
                ]);
            }
            if !report.errors.is_empty() {
                // Other files were written: not `print_all`, whose summary
                // says nothing was.
                for problem in &report.errors {
                    eprint!("{}", problem.render(None));
                }
                let _ = std::io::Write::flush(&mut std::io::stdout());
                std::process::exit(1);
            }
            Ok(())
        }
    }
}

/// Ends the program as clap ends it for a wrong argument: the message,
/// the usage line, and exit status 2.
fn usage_error(message: &str) -> ! {
    use clap::CommandFactory;
    Cli::command()
        .error(clap::error::ErrorKind::ValueValidation, message)
        .exit()
}

/// `--date`: a year, month or day (or an instant), as event files write it.
fn event_date(text: &str) -> Result<String, String> {
    annals::date::EventDate::parse(text)
        .map(|_| text.to_string())
        .map_err(|why| format!("{why}; --date takes {}", annals::date::FORMS))
}

/// Checks `--base-url`: an absolute http(s) address. Checked here rather
/// than by clap, whose message would repeat the value, and with it any
/// password in it.
fn check_base_url(base_url: Option<&str>) {
    if let Some(Err(why)) = base_url.map(annals::base_url::BaseUrl::parse) {
        usage_error(&format!("invalid value for --base-url: {why}"));
    }
}

/// `--as-of`: a day.
fn as_of_day(text: &str) -> Result<String, String> {
    annals::source::config::as_of(text).map(|_| text.to_string())
}

/// `--bind`: an IP address, or `localhost`.
fn bind_address(text: &str) -> Result<String, String> {
    match text == "localhost" || text.parse::<std::net::IpAddr>().is_ok() {
        true => Ok(text.to_string()),
        false => Err(format!(
            "`{text}` is not an IP address; use 127.0.0.1 (this machine only), 0.0.0.0 (every network), ::1 or localhost"
        )),
    }
}

/// Prints a build's warnings, to standard error.
fn print_warnings(report: &annals::BuildReport) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
}

/// Prints a build's warnings and notes, to standard error.
fn print_notes(report: &annals::BuildReport) {
    print_warnings(report);
    for note in &report.notes {
        eprintln!("note: {note}");
    }
}

/// Prints what `serve` does. Not println!: a closed terminal must not stop
/// the server.
fn print_progress(progress: Progress) {
    let mut out = std::io::stdout();
    let _ = match progress {
        Progress::PortTaken { asked, using } => {
            writeln!(out, "port {asked} is taken; using {using} instead")
        }
        Progress::Built(report) => {
            print_notes(&report);
            writeln!(out, "built {} (in memory)", report.summary())
        }
        Progress::Watching => writeln!(
            out,
            "watching for changes; open pages reload after each rebuild"
        ),
        Progress::Serving(address) => {
            writeln!(out, "serving at http://{address}/ (Ctrl+C to stop)")
        }
        Progress::Rebuilt { what, report } => {
            print_notes(&report);
            writeln!(out, "{what} changed: rebuilt {}", report.summary())
        }
        Progress::Failed { what, problems } => write!(
            std::io::stderr(),
            "{what} changed:\n{problems}(still serving; the browser shows these problems until the next good save)\n"
        ),
    };
    let _ = out.flush();
}
