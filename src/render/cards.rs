//! Each event's card (the theme's `event_card` component), rendered once
//! for all the pages that list it, and only if one of them is rendered.

use rayon::prelude::*;
use std::sync::OnceLock;
use tera::{Context, Tera, Value};

/// Stands for the page's root in cards, which are rendered once for all
/// pages: the root is put in when a page lists the card. Were an author to
/// write it in a title, it would turn into a `../` there, nothing worse.
const ROOT_MARK: &str = "\u{1}root\u{1}";

/// Each event's card (the theme's `event_card` component), rendered once
/// with [`ROOT_MARK`] for the root and kept in the pieces between roots.
pub struct Cards {
    /// Every event as a template value, in the site's order.
    pub events: Vec<Value>,
    pieces: Vec<OnceLock<Vec<String>>>,
}

impl Cards {
    /// The cards of `events`, none rendered yet.
    pub fn new(events: Vec<Value>) -> Cards {
        let pieces = events.iter().map(|_| OnceLock::new()).collect();
        Cards { events, pieces }
    }

    /// Renders the cards of the events `needed` says (all, if `None`), in
    /// parallel, so that a template error is found here, once.
    pub fn render(&self, tera: &Tera, needed: Option<&[bool]>) -> Result<(), tera::Error> {
        (0..self.events.len())
            .into_par_iter()
            .filter(|&i| needed.is_none_or(|n| n[i]) && self.pieces[i].get().is_none())
            .try_for_each(|i| {
                let pieces = self.card(tera, i)?;
                let _ = self.pieces[i].set(pieces);
                Ok(())
            })
    }

    fn card(&self, tera: &Tera, i: usize) -> Result<Vec<String>, tera::Error> {
        let mut ctx = Context::new();
        ctx.insert_value("e", self.events[i].clone());
        ctx.insert_value("root", Value::from(ROOT_MARK));
        let mut card = Vec::with_capacity(1024);
        tera.render_component_to("event_card", &ctx, None, true, &mut card)?;
        let card = String::from_utf8(card)?;
        Ok(card.split(ROOT_MARK).map(str::to_string).collect())
    }

    /// Event `i`'s card as listed on a page whose root is `root`; rendered
    /// now if [`Cards::render`] was not asked for it (an error then, which
    /// that would have reported, leaves it empty).
    pub fn get(&self, tera: &Tera, root: &str, i: usize) -> Value {
        let pieces = self.pieces[i].get_or_init(|| self.card(tera, i).unwrap_or_default());
        Value::safe_string(&pieces.join(root))
    }
}
