//! Annals: a static site generator for event timelines.
//!
//! Data flows one way, each stage in a module of its own, and no module
//! imports one of a later stage:
//!
//! ```text
//! files on disk     source    annals.yaml, content/, templates/, static/ → Sources
//! model             model     Sources → Site (events in order, terms, URLs, layout)
//! bodies            markdown  Site → Bodies (every Markdown body as HTML)
//! rendering         render    pages through the theme    ┐ into a Sink
//!                   formats   feeds, calendar, JSON, ... ┘ (sink)
//! output            output    the output folder, memory, or nothing
//! pipeline          build     runs the stages: build, check, render in memory
//! commands          serve, import, init, new (and main.rs, the command line)
//! ```
//!
//! Below them all are the vocabulary modules every stage speaks:
//! [`diagnostics`], [`date`], [`slug`], [`base_url`], [`html`] and [`yaml`]; and
//! [`language`], the site's language and the theme's words in it (read by
//! `source`, said by `render`).

pub mod base_url;
pub mod build;
pub mod date;
pub mod diagnostics;
pub mod digest;
pub mod formats;
pub mod html;
pub mod import;
pub mod init;
pub mod language;
pub mod markdown;
pub mod media;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod serve;
pub mod sink;
pub mod slug;
pub mod source;
pub mod yaml;

pub use build::{BuildOptions, BuildReport, Cache, Rendered, build, check, render_site};
pub use diagnostics::Diagnostic;
