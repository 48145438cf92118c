//! People and bodies as records: the actor files of `actors/`, checked
//! against each other, and what the rest of the model asks of them.
//!
//! - **Identity.** An actor is its `name`, compared as every name is, by
//!   slug (`crate::slug`): `Marco Rubio` and `MARCO RUBIO` are one name. An
//!   alias is another name of the same actor, so an event that names
//!   `Zelensky` counts for `Volodymyr Zelenskyy` and links to that one page
//!   (`actors/volodymyr-zelenskyy/`), while keeping its own spelling. A name
//!   or alias may name one actor only: a second file that uses it is an
//!   error at its line, naming the first.
//! - **Roles on a date.** A role holds on an event when the event's date
//!   lies wholly within the role's span, from the first day of `from` to
//!   the last day of `until` ([`holds_on`]): when it is not sure, no role
//!   is shown.
//!
//! Pure: no files are read here.

use crate::date::{EventDate, Precision, days_in_month, human_range};
use crate::diagnostics::Diagnostic;
use crate::source::actors::{Actor, Role};
use crate::source::event::Event;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One actor with a file in `actors/`, as the model hands it on.
#[derive(Debug, Clone)]
pub struct Person {
    /// The name, as the file writes it: the page's title.
    pub name: String,
    /// The slug of the name: the page is at `actors/<slug>/`.
    pub slug: String,
    /// Other spellings of the name, as the file writes them.
    pub aliases: Vec<String>,
    /// The name in other languages of the site: language, then name.
    pub names: Vec<(String, String)>,
    pub roles: Vec<Role>,
    /// The file, as shown in messages.
    pub file: PathBuf,
    /// The description, Markdown; [`crate::markdown::Bodies`] moves it out
    /// and renders it.
    pub description: String,
}

/// Every actor record, and which written names they answer to.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// In file order.
    pub records: Vec<Person>,
    /// The slug of each name and alias: the record it names, and the
    /// spelling the file gives it.
    by_slug: HashMap<String, (usize, String)>,
    /// Each actor name events write, once: the record it names and the
    /// spelling shown for it, or none.
    written: HashMap<String, Option<(usize, String)>>,
}

/// A name or alias of a record, with where it is written.
struct Spelling<'a> {
    record: usize,
    text: &'a str,
    alias: bool,
    line: usize,
    column: usize,
}

impl People {
    /// The records of `actors`, checking that no name or alias (by slug)
    /// names two actors, or one actor twice. Each clash is reported at the
    /// later spelling (in file order, then line order), naming the earlier.
    pub fn new(actors: Vec<Actor>, problems: &mut Vec<Diagnostic>) -> People {
        let mut by_slug: HashMap<String, (usize, String)> = HashMap::new();
        let mut first: HashMap<String, Spelling> = HashMap::new();
        for (record, actor) in actors.iter().enumerate() {
            let names = std::iter::once((&actor.name, false))
                .chain(actor.aliases.iter().map(|a| (a, true)));
            for (spelled, alias) in names {
                let slug = crate::slug::slugify(&spelled.value);
                let here = Spelling {
                    record,
                    text: &spelled.value,
                    alias,
                    line: spelled.line,
                    column: spelled.column,
                };
                if let Some(there) = first.get(&slug) {
                    problems.push(clash(&actors, &here, there));
                    continue;
                }
                by_slug.insert(slug.clone(), (record, spelled.value.clone()));
                first.insert(slug, here);
            }
        }
        let records = actors
            .into_iter()
            .map(|a| Person {
                slug: crate::slug::slugify(&a.name.value),
                name: a.name.value,
                aliases: a.aliases.into_iter().map(|s| s.value).collect(),
                names: a.names.into_iter().map(|(l, n)| (l.value, n)).collect(),
                roles: a.roles,
                file: a.file,
                description: a.body,
            })
            .collect();
        People {
            records,
            by_slug,
            written: HashMap::new(),
        }
    }

    /// Learns which actor names the events write name a record: each
    /// distinct name is made into a slug once. Nothing to do without
    /// records.
    pub fn learn(&mut self, events: &[Arc<Event>]) {
        if self.records.is_empty() {
            return;
        }
        for e in events {
            for name in &e.actors {
                if !self.written.contains_key(name) {
                    let found = self.by_slug.get(&crate::slug::slugify(name)).cloned();
                    self.written.insert(name.clone(), found);
                }
            }
        }
    }

    /// The records as an edition in `language` shows them: each actor with
    /// a name in that language (its `names`, else `given`, by slug) is
    /// shown by it, whichever of its spellings an event writes; the
    /// others as before.
    pub fn in_language(&self, language: &str, given: &HashMap<String, &str>) -> People {
        let mut people = self.clone();
        let mut renamed = vec![false; people.records.len()];
        for (person, renamed) in people.records.iter_mut().zip(&mut renamed) {
            let own = person.names.iter().find(|(l, _)| l == language);
            let name = own
                .map(|(_, n)| n.as_str())
                .or(given.get(&person.slug).copied());
            if let Some(name) = name {
                person.name = name.to_string();
                *renamed = true;
            }
        }
        for (record, shown) in people.written.values_mut().flatten() {
            if renamed[*record] {
                *shown = people.records[*record].name.clone();
            }
        }
        people
    }

    /// The record an actor name written in an event names (by its name or
    /// an alias), and the spelling shown for it: the one the file writes
    /// (`Zelensky` for `zelensky`). Only names [`People::learn`] saw.
    pub fn named(&self, written: &str) -> Option<(usize, &str)> {
        if self.records.is_empty() {
            return None;
        }
        match self.written.get(written)? {
            Some((record, shown)) => Some((*record, shown.as_str())),
            None => None,
        }
    }

    /// The record whose page is at the actor slug `slug`.
    pub fn of_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug
            .get(slug)
            .map(|(record, _)| *record)
            .filter(|&r| self.records[r].slug == slug)
    }

    /// The titles of the roles record `record` holds on `date`, as written,
    /// in file order.
    pub fn roles_on<'a>(
        &'a self,
        record: usize,
        date: &'a EventDate,
    ) -> impl Iterator<Item = &'a str> {
        self.records[record]
            .roles
            .iter()
            .filter(move |r| holds_on(r, date))
            .map(|r| r.title.as_str())
    }

    /// What a role on an event's page says: the titles of the roles the
    /// actor written `name` holds on `date`, joined by "; ", or none (no
    /// record, or no role known to hold then).
    pub fn role_text(&self, name: &str, date: &EventDate) -> Option<String> {
        let (record, _) = self.named(name)?;
        let titles: Vec<&str> = self.roles_on(record, date).collect();
        (!titles.is_empty()).then(|| titles.join("; "))
    }
}

/// The problem of a spelling whose slug an earlier one already has.
fn clash(actors: &[Actor], here: &Spelling, there: &Spelling) -> Diagnostic {
    let what = |s: &Spelling| if s.alias { "alias" } else { "name" };
    let file = &actors[here.record].file;
    let (message, help) = if here.record == there.record {
        (
            format!(
                "the {} `{}` is the same name as the {} `{}` on line {}",
                what(here),
                here.text,
                what(there),
                there.text,
                there.line
            ),
            "names that differ only by case, accents or punctuation are one name already: remove this one",
        )
    } else {
        (
            format!(
                "the {} `{}` names another actor too: the {} `{}` in {}:{}:{}",
                what(here),
                here.text,
                what(there),
                there.text,
                actors[there.record].file.display(),
                there.line,
                there.column
            ),
            "a name or alias may name one actor only (names that differ only by case, accents or punctuation are one name): remove it from one file, or merge the two files if they are one actor",
        )
    };
    Diagnostic::at(file, here.line, here.column, message).help(help)
}

/// The first and the last day a date covers: `2025` runs from 1 January
/// to 31 December 2025, `201X` from 2010 to 2019; a date-time counts as
/// its day, as written.
fn days(d: &EventDate) -> ((i16, u8, u8), (i16, u8, u8)) {
    match d.precision {
        Precision::Decade => ((d.year, 1, 1), (d.year + 9, 12, 31)),
        Precision::Year => ((d.year, 1, 1), (d.year, 12, 31)),
        Precision::Month => (
            (d.year, d.month, 1),
            (d.year, d.month, days_in_month(d.year, d.month)),
        ),
        Precision::Day | Precision::Instant => ((d.year, d.month, d.day), (d.year, d.month, d.day)),
    }
}

/// True if `role` is known to hold on all of `date`: from the first day of
/// `from` (or ever, without one) to the last day of `until` (or still,
/// without one). `from: 2025-01` holds on an event dated `2025`, which
/// cannot come before January 2025; `from: 2025-06` does not, as the event
/// may be in March.
pub fn holds_on(role: &Role, date: &EventDate) -> bool {
    let (first, last) = days(date);
    role.from.as_ref().is_none_or(|f| first >= days(f).0)
        && role.until.as_ref().is_none_or(|u| last <= days(u).1)
}

/// When a role is known to hold, for readers: "February 2025", "June 2021 –
/// February 2025", "since 2025", "until June 2021"; none when neither
/// bound is given.
pub fn span(role: &Role) -> Option<String> {
    match (&role.from, &role.until) {
        (Some(f), Some(u)) => Some(human_range(f, u)),
        (Some(f), None) => Some(format!("since {f}")),
        (None, Some(u)) => Some(format!("until {u}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::actors::parse_actor;
    use std::path::Path;

    fn actor(file: &str, front: &str) -> Actor {
        parse_actor(Path::new(file), &format!("---\n{front}\n---\n")).unwrap()
    }

    fn role(from: Option<&str>, until: Option<&str>) -> Role {
        Role {
            title: "T".into(),
            from: from.map(|d| EventDate::parse(d).unwrap()),
            until: until.map(|d| EventDate::parse(d).unwrap()),
        }
    }

    fn on(role: &Role, date: &str) -> bool {
        holds_on(role, &EventDate::parse(date).unwrap())
    }

    #[test]
    fn a_role_holds_only_where_the_date_lies_wholly_within_it() {
        let feb = role(Some("2025-02"), Some("2025-02"));
        assert!(on(&feb, "2025-02-18"));
        assert!(on(&feb, "2025-02"));
        assert!(on(&feb, "2025-02-28T23:00:00+03:00"));
        assert!(!on(&feb, "2025"), "2025 may be outside February");
        assert!(!on(&feb, "2025-03-01"));
        assert!(!on(&feb, "2025-01-31"));
        let since = role(Some("2025-01"), None);
        assert!(on(&since, "2025"), "all of 2025 is on or after January");
        assert!(on(&since, "2030-06-01"));
        assert!(!on(&since, "2024-12-31"));
        assert!(!on(&role(Some("2025-06"), None), "2025"));
        let until = role(None, Some("2021"));
        assert!(on(&until, "1999"));
        assert!(on(&until, "2021-12-31"));
        assert!(!on(&until, "2022-01"));
        assert!(on(&role(None, None), "0001"));
        let decade = EventDate {
            precision: Precision::Decade,
            ..EventDate::parse("2010").unwrap()
        };
        assert!(holds_on(&role(Some("2010"), Some("2019-12")), &decade));
        assert!(!holds_on(&role(Some("2011"), None), &decade));
    }

    #[test]
    fn spans_read_as_dates_do() {
        assert_eq!(
            span(&role(Some("2025-02"), Some("2025-02"))).unwrap(),
            "February 2025"
        );
        assert_eq!(
            span(&role(Some("2021-06"), Some("2025-02"))).unwrap(),
            "June 2021 – February 2025"
        );
        assert_eq!(span(&role(Some("2025"), None)).unwrap(), "since 2025");
        assert_eq!(
            span(&role(None, Some("2021-06"))).unwrap(),
            "until June 2021"
        );
        assert_eq!(span(&role(None, None)), None);
    }

    #[test]
    fn names_and_aliases_name_one_actor_each() {
        let mut problems = Vec::new();
        let people = People::new(
            vec![
                actor(
                    "actors/a.md",
                    "name: Volodymyr Zelenskyy\naliases: [Zelensky, zelensky]",
                ),
                actor(
                    "actors/b.md",
                    "name: ZELENSKY\naliases: [Volodymyr Zelenskyy]",
                ),
            ],
            &mut problems,
        );
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "actors/a.md:3:21: the alias `zelensky` is the same name as the alias `Zelensky` on line 3",
                "actors/b.md:2:7: the name `ZELENSKY` names another actor too: the alias `Zelensky` in actors/a.md:3:11",
                "actors/b.md:3:11: the alias `Volodymyr Zelenskyy` names another actor too: the name `Volodymyr Zelenskyy` in actors/a.md:2:7",
            ]
        );
        assert_eq!(people.of_slug("volodymyr-zelenskyy"), Some(0));
        assert_eq!(people.of_slug("zelensky"), None, "an alias has no page");
    }

    #[test]
    fn written_names_find_their_record_and_its_spelling() {
        let mut people = People::new(
            vec![actor(
                "actors/z.md",
                "name: Volodymyr Zelenskyy\naliases: [Zelensky]\nroles: [{title: President of Ukraine, from: 2025-02, until: 2025-02}]",
            )],
            &mut Vec::new(),
        );
        let event = crate::source::event::parse_event(
            Path::new("e.md"),
            "---\ntitle: E\ndate: 2025-02-21\nactors: [ZELENSKY, Volodymyr Zelenskyy, Donald Trump]\n---\n",
        )
        .unwrap();
        people.learn(&[Arc::new(event)]);
        assert_eq!(people.named("ZELENSKY"), Some((0, "Zelensky")));
        assert_eq!(
            people.named("Volodymyr Zelenskyy"),
            Some((0, "Volodymyr Zelenskyy"))
        );
        assert_eq!(people.named("Donald Trump"), None);
        let day = EventDate::parse("2025-02-21").unwrap();
        assert_eq!(
            people.role_text("ZELENSKY", &day).as_deref(),
            Some("President of Ukraine")
        );
        let later = EventDate::parse("2025-05-09").unwrap();
        assert_eq!(people.role_text("ZELENSKY", &later), None);
    }
}
