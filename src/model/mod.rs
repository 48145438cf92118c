//! The site model: what the files on disk say, assembled into one [`Site`]
//! (events in time order, the actors, places and tags with their events,
//! related links), how the timeline is laid out over pages, and every
//! page's URL. Pure: no files are read or written here.

pub mod changes;
pub mod collation;
pub mod editions;
pub mod expectations;
pub mod kind;
pub mod known;
pub mod media;
pub mod people;
pub mod site;
pub mod sourcing;
pub mod statements;
pub mod taxonomy;
pub mod timeline;
pub mod translations;
pub mod urls;

pub use kind::TermKind;
pub use site::{Site, Taxonomy, Term, assemble, assemble_with};
pub use timeline::Layout;
