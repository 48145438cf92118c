//! Atom 1.0 feeds. (Being written.)

use super::Inputs;
use crate::render::Page;

/// `atom.xml` and a feed under each actor's and tag's page.
pub fn feeds(_input: &Inputs) -> Vec<Page> {
    Vec::new()
}
