//! Each event's card (the theme's `event_card` component), rendered once
//! for all the pages that list it.

use rayon::prelude::*;
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
    pieces: Vec<Vec<String>>,
}

impl Cards {
    /// Renders every card.
    pub fn new(tera: &Tera, events: Vec<Value>) -> Result<Cards, tera::Error> {
        let pieces = events
            .par_iter()
            .map(|e| {
                let mut ctx = Context::new();
                ctx.insert_value("e", e.clone());
                ctx.insert_value("root", Value::from(ROOT_MARK));
                let mut card = Vec::with_capacity(1024);
                tera.render_component_to("event_card", &ctx, None, true, &mut card)?;
                let card = String::from_utf8(card)?;
                Ok(card.split(ROOT_MARK).map(str::to_string).collect())
            })
            .collect::<Result<Vec<Vec<String>>, tera::Error>>()?;
        Ok(Cards { events, pieces })
    }

    /// Event `i`'s card as listed on a page whose root is `root`.
    pub fn get(&self, root: &str, i: usize) -> Value {
        Value::safe_string(&self.pieces[i].join(root))
    }
}
