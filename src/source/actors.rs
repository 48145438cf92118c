//! Reads `actors/`: one optional record per actor, beside `content/`, so
//! that it can never be taken for an event. Each file has front matter with
//! the actor's `name`, the other spellings that mean the same actor
//! (`aliases`) and the roles the actor held (`roles`), and a Markdown body
//! that describes the actor:
//!
//! ```markdown
//! ---
//! name: "Volodymyr Zelenskyy"
//! aliases: ["Zelensky", "Zelenskiy"]
//! roles:
//!   - {title: "President of Ukraine", from: 2025-02, until: 2025-02}
//! ---
//! Ukraine's president, who ...
//! ```
//!
//! Each file is checked on its own here (keys, dates, a role that ends
//! before it starts); whether two files name the same actor is checked
//! with every record at hand, in [`crate::model::people`].

use super::fields::{Reader, Spanned};
use super::text::nfc;
use super::text::{Kind, read_text};
use crate::date::{self, EventDate};
use crate::diagnostics::{Diagnostic, display_path};
use crate::yaml::Node;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The keys an actor file's front matter accepts.
pub const ACTOR_KEYS: &[&str] = &["name", "names", "aliases", "roles"];
/// The keys of one `roles` entry.
pub const ROLE_KEYS: &[&str] = &["title", "from", "until"];

/// The folder of actor files, in the site folder.
pub const FOLDER: &str = "actors";

/// How an actor file starts, for the messages about one that does not.
const ACTOR_FILE_KIND: super::event::FileKind = super::event::FileKind {
    name: "actor",
    empty: "an actor file starts with front matter: a `---` line, a `name:` line and another `---` line; the description follows",
    start: "start the file with a `---` line, then a `name:` line, then another `---` line; the description follows",
};

const ACTOR_FILE: Kind = Kind {
    plural: "actor files",
    when_too_large: "keep the description short, and put long texts in events or sources",
};

/// One actor file, as written.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The file, as shown in messages.
    pub file: PathBuf,
    /// The actor's name, NFC-normalised, with where it is written: its
    /// identity (the page is at the slug of the name, not of the file).
    pub name: Spanned<String>,
    /// The name in the site's other languages (`names: {uk: Марко
    /// Рубіо}`), NFC-normalised: each language with where it is written,
    /// and the name.
    pub names: Vec<(Spanned<String>, String)>,
    /// Other spellings that mean the same actor, NFC-normalised, each with
    /// where it is written.
    pub aliases: Vec<Spanned<String>>,
    /// The roles it held, in the order written.
    pub roles: Vec<Role>,
    /// The description, Markdown.
    pub body: String,
}

/// A role an actor held: a title, and the time it is known to be held in.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub title: String,
    /// The first date it is known to be held; `None`: since a time not
    /// given.
    pub from: Option<EventDate>,
    /// The last date it is known to be held; `None`: it still holds.
    pub until: Option<EventDate>,
}

/// Reads every actor file under `site_dir/actors` (none if there is no
/// such folder), in sorted path order, with every problem in every file.
pub fn load(site_dir: &Path) -> (Vec<Actor>, Vec<Diagnostic>) {
    let dir = site_dir.join(FOLDER);
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let (paths, mut problems) = super::content::find_files(site_dir, &dir);
    let parsed: Vec<Result<Actor, Vec<Diagnostic>>> = paths
        .par_iter()
        .map(|path| read_text(path, ACTOR_FILE).and_then(|t| parse_actor(&display_path(path), &t)))
        .collect();
    let mut actors = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(actor) => actors.push(actor),
            Err(mut e) => problems.append(&mut e),
        }
    }
    (actors, problems)
}

/// Parses one actor file. `file` is the path shown in messages.
pub fn parse_actor(file: &Path, text: &str) -> Result<Actor, Vec<Diagnostic>> {
    let (split, mut r, root) = super::event::front_matter(file, text, &ACTOR_FILE_KIND)?;
    let Some(map) = r.mapping(&root, "an actor file", ACTOR_KEYS) else {
        return Err(r.problems);
    };
    let name = r.text(&map, "name", true).map(|mut n| {
        n.value = nfc(&n.value);
        n
    });
    let aliases = r
        .names(&map, "aliases")
        .into_iter()
        .map(|mut a| {
            a.value = nfc(&a.value);
            a
        })
        .collect();
    let roles = roles_field(&mut r, &map);
    let names = names_field(&mut r, &map);
    match name {
        Some(name) if r.problems.is_empty() => Ok(Actor {
            file: file.to_path_buf(),
            name,
            names,
            aliases,
            roles,
            body: split.body.to_string(),
        }),
        _ => Err(r.problems),
    }
}

/// What `names` is for, in its messages.
const NAMES_HELP: &str = "`names` gives the actor's name in each of the site's other languages: `names: {uk: \"Марко Рубіо\"}`";

/// Reads `names`: a mapping of language tags to the name in each.
fn names_field(r: &mut Reader, map: &super::fields::Map) -> Vec<(Spanned<String>, String)> {
    let Some(node) = map.get("names") else {
        return Vec::new();
    };
    // Any key is let through here, then checked as a language tag.
    let Some(m) = r.open_mapping(node, "`names`", NAMES_HELP) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for key in m.keys() {
        let Some(name) = r.text(&m, key, true) else {
            continue;
        };
        if !super::config::is_language_tag(key) {
            r.report(
                m.get(key).map(Node::pos).unwrap_or_default(),
                format!("`{key}` is not a language tag"),
                NAMES_HELP,
            );
            continue;
        }
        let language = Spanned {
            value: key.to_string(),
            line: name.line,
            column: name.column,
        };
        names.push((language, nfc(&name.value)));
    }
    names
}

/// Reads `roles`: each entry's keys, a `title`, dates in the forms of a
/// source's `date`, and an `until` that is not before `from`.
fn roles_field(r: &mut Reader, map: &super::fields::Map) -> Vec<Role> {
    let Some(items) = r.list(map, "roles") else {
        return Vec::new();
    };
    let mut roles = Vec::with_capacity(items.len());
    for item in items {
        let Some(m) = r.mapping(item, "a role", ROLE_KEYS) else {
            continue;
        };
        let title = r.text(&m, "title", true);
        let mut date = |key: &str| {
            let text = r.text(&m, key, false)?;
            EventDate::parse(&text.value)
                .map_err(|why| {
                    let pos = m.get(key).map(Node::pos).unwrap_or_default();
                    r.report(pos, why, format!("`{key}` takes {}", date::FORMS));
                })
                .ok()
        };
        let (from, until) = (date("from"), date("until"));
        if let (Some(from), Some(until)) = (&from, &until)
            && !from.not_after(until)
        {
            let pos = m.get("until").map(Node::pos).unwrap_or_default();
            r.report(
                pos,
                format!("this role ends ({until}) before it starts ({from})"),
                "`from` is the first date the role is known to hold and `until` the last: `until` may not come before `from`",
            );
            continue;
        }
        if let Some(title) = title {
            roles.push(Role {
                title: title.value,
                from,
                until,
            });
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Actor, Vec<String>> {
        parse_actor(Path::new("actors/a.md"), text)
            .map_err(|e| e.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_name_aliases_roles_and_description() {
        let a = parse("---\nname: \"Volodymyr Zelenskyy\"\naliases: [Zelensky, \"Zelenskiy\"]\nroles:\n  - title: President of Ukraine\n    from: 2025-02\n    until: 2025-02-22\n  - {title: Actor}\n---\nUkraine's *president*.\n").unwrap();
        assert_eq!(a.name.value, "Volodymyr Zelenskyy");
        assert_eq!((a.name.line, a.name.column), (2, 7));
        let aliases: Vec<(&str, usize)> = a
            .aliases
            .iter()
            .map(|s| (s.value.as_str(), s.line))
            .collect();
        assert_eq!(aliases, [("Zelensky", 3), ("Zelenskiy", 3)]);
        assert_eq!(a.roles.len(), 2);
        assert_eq!(a.roles[0].from, EventDate::parse("2025-02").ok());
        assert_eq!(a.roles[1].until, None);
        assert_eq!(a.body, "Ukraine's *president*.\n");
    }

    #[test]
    fn reports_every_problem_at_its_place() {
        let errors = parse("---\nnaem: X\naliases: Zelensky\nroles:\n  - {title: A, from: 2025, until: 2024-12}\n  - {titel: B, form: 2025}\n  - {title: C, from: 2025-13}\n---\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "actors/a.md:2:1: unknown key `naem` in an actor file",
                "actors/a.md:2:1: `name` is missing",
                "actors/a.md:3:10: `aliases` must be a list, but this is text",
                "actors/a.md:5:35: this role ends (December 2024) before it starts (2025)",
                "actors/a.md:6:6: unknown key `titel` in a role",
                "actors/a.md:6:16: unknown key `form` in a role",
                "actors/a.md:6:5: `title` is missing",
                "actors/a.md:7:22: `2025-13` is not a date: there is no month 13",
            ]
        );
    }

    #[test]
    fn a_role_may_end_in_the_period_it_starts() {
        // 2025 contains 2025-02: a role known in February 2025 and "until
        // 2025" is not reversed.
        let a =
            parse("---\nname: X\nroles: [{title: T, from: 2025-02, until: 2025}]\n---\n").unwrap();
        assert_eq!(a.roles.len(), 1);
    }

    #[test]
    fn a_file_without_front_matter_says_how_to_start() {
        assert_eq!(
            parse("Just text.\n").unwrap_err(),
            ["actors/a.md:1:1: this actor file has no front matter"]
        );
        assert_eq!(
            parse("").unwrap_err(),
            ["actors/a.md: this actor file is empty"]
        );
    }
}
