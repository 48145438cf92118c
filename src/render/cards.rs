//! Each event's card (the theme's `event_card` component), rendered once
//! for all the pages that list it, and only if one of them is rendered;
//! for `serve`, kept from one rebuild to the next for the events that did
//! not change.

use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tera::{Context, Tera, Value};

/// Stands for the page's root in cards, which are rendered once for all
/// pages: the root is put in when a page lists the card. Were an author to
/// write it in a title, it would turn into a `../` there, nothing worse.
const ROOT_MARK: &str = "\u{1}root\u{1}";

/// A card, split at [`ROOT_MARK`].
type Pieces = Arc<Vec<String>>;

/// Each event's card (the theme's `event_card` component), rendered once
/// with [`ROOT_MARK`] for the root and kept in the pieces between roots.
pub struct Cards {
    /// Every event as a template value, in the site's order.
    pub events: Vec<Value>,
    pieces: Vec<OnceLock<Pieces>>,
}

/// The cards of the last rebuild, kept by `serve`, by event slug, with the
/// value each was rendered from. A card is the same as long as its event's
/// value, the site's value (`site` in templates) and the templates are:
/// an edit of one event renders one card. Whoever changes the templates
/// must [`CardCache::forget`] the cards.
#[derive(Default)]
pub struct CardCache {
    kept: Mutex<Kept>,
    /// The events' values, kept so that an unchanged event's is the same.
    pub(super) values: super::event_values::EventValues,
}

#[derive(Default)]
struct Kept {
    /// The site's value the cards were rendered with.
    site: Option<Value>,
    cards: HashMap<String, (Value, Pieces)>,
}

impl CardCache {
    /// Drops every card: the templates changed.
    pub fn forget(&self) {
        *self.lock() = Kept::default();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Whether two values render the same: the same kinds, the same map
/// entries in the same order, and for strings the same text, escaped or
/// not alike. Stricter than `==`, which ignores the order of entries and
/// whether a string is safe, and faster: it looks no key up by its hash.
fn same(a: &Value, b: &Value) -> bool {
    if a.kind() != b.kind() {
        return false;
    }
    if let (Some(x), Some(y)) = (a.as_map(), b.as_map()) {
        // One map, kept from the last rebuild (see `EventValues`).
        if std::ptr::eq(x, y) {
            return true;
        }
        return x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| k == l && same(v, w));
    }
    if let (Some(x), Some(y)) = (a.as_array(), b.as_array()) {
        return x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w));
    }
    a.is_safe() == b.is_safe() && a == b
}

/// An event's slug, as its value has it.
fn slug(event: &Value) -> Option<&str> {
    event.get_from_path("slug")?.as_str()
}

impl Cards {
    /// The cards of `events`, none rendered yet.
    pub fn new(events: Vec<Value>) -> Cards {
        let pieces = events.iter().map(|_| OnceLock::new()).collect();
        Cards { events, pieces }
    }

    /// Renders the cards of the events `needed` says (all, if `None`), in
    /// parallel, so that a template error is found here, once. With
    /// `reuse`, the value of `site` in templates and a cache: only those
    /// the cache does not have for the same values, keeping these cards
    /// in it for the next time.
    pub fn render(
        &self,
        tera: &Tera,
        needed: Option<&[bool]>,
        reuse: Option<(&Value, &CardCache)>,
    ) -> Result<(), tera::Error> {
        let mut kept = Kept::default();
        if let Some((site, cache)) = reuse {
            kept = std::mem::take(&mut *cache.lock());
            if kept.site.as_ref() != Some(site) {
                kept.cards.clear();
            }
        }
        (0..self.events.len())
            .into_par_iter()
            .filter(|&i| needed.is_none_or(|n| n[i]) && self.pieces[i].get().is_none())
            .try_for_each(|i| {
                let e = &self.events[i];
                let hit = slug(e)
                    .and_then(|s| kept.cards.get(s))
                    .filter(|(value, _)| same(value, e));
                let pieces = match hit {
                    Some((_, pieces)) => Arc::clone(pieces),
                    None => render(tera, e)?,
                };
                let _ = self.pieces[i].set(pieces);
                Ok::<(), tera::Error>(())
            })?;
        if let Some((site, cache)) = reuse {
            let cards = self
                .events
                .iter()
                .zip(&self.pieces)
                .filter_map(|(e, p)| {
                    let pieces = Arc::clone(p.get()?);
                    Some((slug(e)?.to_string(), (e.clone(), pieces)))
                })
                .collect();
            *cache.lock() = Kept {
                site: Some(site.clone()),
                cards,
            };
        }
        Ok(())
    }

    /// Event `i`'s card as listed on a page whose root is `root`; rendered
    /// now if [`Cards::render`] was not asked for it (an error then, which
    /// that would have reported, leaves it empty).
    pub fn get(&self, tera: &Tera, root: &str, i: usize) -> Value {
        let pieces =
            self.pieces[i].get_or_init(|| render(tera, &self.events[i]).unwrap_or_default());
        Value::safe_string(&pieces.join(root))
    }
}

/// Renders the card of `event`.
fn render(tera: &Tera, event: &Value) -> Result<Pieces, tera::Error> {
    let mut ctx = Context::new();
    ctx.insert_value("e", event.clone());
    ctx.insert_value("root", Value::from(ROOT_MARK));
    let mut card = Vec::with_capacity(1024);
    tera.render_component_to("event_card", &ctx, None, true, &mut card)?;
    let card = String::from_utf8(card)?;
    Ok(Arc::new(
        card.split(ROOT_MARK).map(str::to_string).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(card: &str) -> Tera {
        let mut tera = Tera::new();
        let source =
            format!("{{% component event_card(e, root) %}}{card}{{% endcomponent event_card %}}");
        tera.add_raw_template("components.html", &source).unwrap();
        tera
    }

    fn event(slug: &str, title: &str) -> Value {
        crate::render::tera_value::map([("slug", slug.into()), ("title", title.into())])
    }

    /// The cards of `events`, all rendered.
    fn made(tera: &Tera, events: Vec<Value>, reuse: Option<(&Value, &CardCache)>) -> Cards {
        let cards = Cards::new(events);
        cards.render(tera, None, reuse).unwrap();
        cards
    }

    fn shown(cards: &Cards) -> Vec<String> {
        let unused = Tera::new();
        (0..cards.events.len())
            .map(|i| cards.get(&unused, "../", i).as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn only_the_cards_asked_for_are_rendered_until_one_is_shown() {
        let tera = tera("{{ e.title }}");
        let cards = Cards::new(vec![event("a", "A"), event("b", "B")]);
        cards.render(&tera, Some(&[false, true]), None).unwrap();
        assert!(cards.pieces[0].get().is_none());
        assert_eq!(cards.get(&tera, "", 1).as_str(), Some("B"));
        assert_eq!(cards.get(&tera, "", 0).as_str(), Some("A"));
    }

    #[test]
    fn values_are_the_same_only_in_the_same_order_and_escaping() {
        let map = crate::render::tera_value::map;
        let a = map([("x", 1.into()), ("y", "text".into())]);
        assert!(same(&a, &map([("x", 1.into()), ("y", "text".into())])));
        assert!(!same(&a, &map([("y", "text".into()), ("x", 1.into())])));
        assert!(!same(
            &a,
            &map([("x", 1.into()), ("y", Value::safe_string("text"))])
        ));
        assert!(!same(&a, &map([("x", 2.into()), ("y", "text".into())])));
        let list = |v: Vec<Value>| Value::from(v);
        assert!(same(&list(vec![a.clone()]), &list(vec![a.clone()])));
        assert!(!same(&list(vec![a.clone()]), &list(vec![a.clone(), a])));
    }

    #[test]
    fn only_changed_events_get_new_cards_until_the_templates_change() {
        let cache = CardCache::default();
        let site = Value::from("site");
        let old = tera("old {{ e.title }} {{ root }}x");
        let events = vec![event("a", "A"), event("b", "B")];
        let cards = made(&old, events, Some((&site, &cache)));
        assert_eq!(shown(&cards), ["old A ../x", "old B ../x"]);

        // Other templates, as the cache is not told: only the changed event
        // and the new one are rendered with them.
        let new = tera("new {{ e.title }}");
        let events = vec![event("a", "A"), event("b", "B2"), event("c", "C")];
        let cards = made(&new, events.clone(), Some((&site, &cache)));
        assert_eq!(shown(&cards), ["old A ../x", "new B2", "new C"]);

        // Another value of `site`: every card is rendered again.
        let other = Value::from("other site");
        let cards = made(&new, events.clone(), Some((&other, &cache)));
        assert_eq!(shown(&cards), ["new A", "new B2", "new C"]);

        cache.forget();
        let newer = tera("newer {{ e.title }}");
        let cards = made(&newer, events.clone(), Some((&other, &cache)));
        assert_eq!(shown(&cards), ["newer A", "newer B2", "newer C"]);
        let cards = made(&old, events, None);
        assert_eq!(shown(&cards), ["old A ../x", "old B2 ../x", "old C ../x"]);
    }
}
