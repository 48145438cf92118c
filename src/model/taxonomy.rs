//! The actors, places and tags: each name the events give, gathered into
//! terms (names that make the same slug are one term, and an actor's
//! aliases are that actor), each with its events in time order, and a
//! warning where one term is written in several ways.

use super::collation::Collation;
use super::kind::TermKind;
use crate::source::event::Event;
use std::collections::HashMap;
use std::sync::Arc;

/// One actor, place or tag.
#[derive(Debug, Clone)]
pub struct Term {
    /// The spelling shown: the one most events use.
    pub name: String,
    /// Made from the name alone, so a term's URL never depends on what
    /// other names exist; unique within its kind, because names that make
    /// the same slug are one term.
    pub slug: String,
    /// Indices into [`super::Site::events`], in time order.
    pub events: Vec<usize>,
}

/// All the terms of one kind, sorted by name.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: TermKind,
    pub terms: Vec<Term>,
    /// Name to index into `terms`.
    by_name: HashMap<String, usize>,
}

impl Taxonomy {
    /// The term called `name`.
    pub fn get(&self, name: &str) -> Option<&Term> {
        self.by_name.get(name).map(|&i| &self.terms[i])
    }

    /// The position in `terms` of the term called `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

/// The terms of one kind, sorted by name in the site language's order
/// (see [`Collation`]), each with its events in time order. Names that
/// make the same slug (`Diplomacy` and `diplomacy`, `São Paulo` and `Sao
/// Paulo`) are one term, shown in its most used spelling; each such term
/// adds a warning listing where each spelling is written. An actor with a
/// record in `people` is one term under the record's name, with every
/// name and alias of it, and has its term (its page) even if no event
/// names it.
pub(super) fn gather(
    kind: TermKind,
    events: &[Arc<Event>],
    people: &super::people::People,
    collation: &Collation,
    warnings: &mut Vec<String>,
) -> Taxonomy {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<Term> = Vec::new();
    // Each term's spellings in the order first used, with their events.
    let mut spellings: Vec<Vec<(String, Vec<usize>)>> = Vec::new();
    let actors = kind == TermKind::Actor;
    for person in people.records.iter().filter(|_| actors) {
        by_slug.insert(person.slug.clone(), terms.len());
        terms.push(Term {
            name: person.name.clone(),
            slug: person.slug.clone(),
            events: Vec::new(),
        });
        spellings.push(Vec::new());
    }
    for (i, e) in events.iter().enumerate() {
        for name in kind.names(e) {
            let t = match by_name.get(name) {
                Some(&t) => t,
                None => {
                    let record = if actors { people.named(name) } else { None };
                    let slug = match record {
                        Some((record, _)) => people.records[record].slug.clone(),
                        None => crate::slug::slugify(name),
                    };
                    let t = *by_slug.entry(slug.clone()).or_insert_with(|| {
                        terms.push(Term {
                            name: String::new(),
                            slug,
                            events: Vec::new(),
                        });
                        spellings.push(Vec::new());
                        terms.len() - 1
                    });
                    by_name.insert(name.clone(), t);
                    spellings[t].push((name.clone(), Vec::new()));
                    t
                }
            };
            if terms[t].events.last() != Some(&i) {
                terms[t].events.push(i);
            }
            if let Some(spelling) = spellings[t].iter_mut().find(|(n, _)| n == name) {
                spelling.1.push(i);
            }
        }
    }
    for (term, spelled) in terms.iter_mut().zip(&spellings) {
        if actors && people.of_slug(&term.slug).is_some() {
            // Named by its record; its spellings are the record's.
            continue;
        }
        // The most used spelling; of equals, the one used first.
        let shown = spelled
            .iter()
            .rev()
            .max_by_key(|(_, uses)| uses.len())
            .map_or("", |(name, _)| name.as_str());
        term.name = shown.to_string();
        if spelled.len() > 1 {
            warnings.push(variants(kind, term, spelled, events));
        }
    }
    let mut taxonomy = Taxonomy {
        kind,
        terms,
        by_name,
    };
    taxonomy.sort(collation);
    taxonomy
}

impl Taxonomy {
    /// Puts the terms in the order of their names in `collation`; returns
    /// where each now is, as positions before: a list kept by term (an
    /// actor's statements) is put in the same order by taking its items
    /// at those positions.
    pub fn sort(&mut self, collation: &Collation) -> Vec<usize> {
        let order = collation.order(self.terms.iter().map(|t| t.name.as_str()));
        let mut position = vec![0; order.len()];
        for (at, &t) in order.iter().enumerate() {
            position[t] = at;
        }
        let terms = std::mem::take(&mut self.terms);
        let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
        self.terms = order.iter().filter_map(|&t| slots[t].take()).collect();
        for t in self.by_name.values_mut() {
            *t = position[*t];
        }
        order
    }
}

/// The warning for a term written in several ways: each spelling with the
/// first few places it is written.
fn variants(
    kind: TermKind,
    term: &Term,
    spellings: &[(String, Vec<usize>)],
    events: &[Arc<Event>],
) -> String {
    const SHOWN: usize = 3;
    let listed: Vec<String> = spellings
        .iter()
        .map(|(name, uses)| {
            let mut places: Vec<String> = uses
                .iter()
                .take(SHOWN)
                .map(|&i| {
                    let e = &events[i];
                    match e.name_at(kind.key(), name) {
                        Some((line, column)) => format!("{}:{line}:{column}", e.file.display()),
                        None => e.file.display().to_string(),
                    }
                })
                .collect();
            if uses.len() > SHOWN {
                places.push(format!("and {} more", uses.len() - SHOWN));
            }
            format!("`{name}` ({})", places.join(", "))
        })
        .collect();
    format!(
        "{} {} are one {} with one page, {}, shown as `{}` (the spelling most of its events use); write them alike if they are one name, or tell them apart by more than case, accents or punctuation",
        kind.key(),
        listed.join(" and "),
        kind.singular().to_lowercase(),
        super::urls::term(kind, &term.slug),
        term.name
    )
}
