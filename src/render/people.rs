//! What templates see of actor records (`actors/`): an event's actor with
//! the spelling the event wrote and the role held on the event's date, and
//! an actor page's `person`.

use super::tera_value::{map, opt};
use super::words::PageWords;
use crate::markdown::Bodies;
use crate::model::{Site, TermKind, urls};
use crate::source::actors::Role;
use crate::source::event::Event;
use tera::Value;

/// An actor of event `e` written `name`, if it names a record:
/// `{name, url, role}`, where `name` is the spelling the event wrote (in the
/// form the file gives it), `url` the record's one page and `role` the
/// titles of the roles held on the event's date (its start; for an event
/// not dated yet, its `reported_on`), or none.
pub fn actor_link(site: &Site, e: &Event, name: &str) -> Option<Value> {
    let people = &site.people;
    let (record, shown) = people.named(name)?;
    Some(map([
        ("name", shown.into()),
        (
            "url",
            urls::term(TermKind::Actor, &people.records[record].slug).into(),
        ),
        ("role", opt(people.role_text(name, e.placed_at()))),
    ]))
}

/// The actor page's `person`, for the actor whose page is at `slug`:
/// `{name, description, aliases, roles: [{title, span, from, until}]}`,
/// where `description` is HTML (none when the file has no body), `span`
/// says when the role is known to hold ("February 2025", "since 2025"),
/// and `from` and `until` are dates (`{human, machine}`) or none. None for
/// an actor without a file, and for places and tags.
pub fn person(
    site: &Site,
    bodies: &Bodies,
    kind: TermKind,
    slug: &str,
    words: &PageWords,
) -> Value {
    let record = (kind == TermKind::Actor).then(|| site.people.of_slug(slug));
    let Some(record) = record.flatten() else {
        return Value::none();
    };
    let p = &site.people.records[record];
    let html = bodies.actors.get(record).map_or("", String::as_str);
    let roles: Vec<Value> = p
        .roles
        .iter()
        .map(|r| {
            map([
                ("title", r.title.as_str().into()),
                ("span", opt(span(r, words))),
                ("from", opt(r.from.as_ref().map(|d| words.date_value(d)))),
                ("until", opt(r.until.as_ref().map(|d| words.date_value(d)))),
            ])
        })
        .collect();
    map([
        ("name", p.name.as_str().into()),
        (
            "description",
            opt((!html.trim().is_empty()).then(|| Value::safe_string(html))),
        ),
        (
            "aliases",
            p.aliases
                .iter()
                .map(|a| Value::from(a.as_str()))
                .collect::<Vec<Value>>()
                .into(),
        ),
        ("roles", roles.into()),
    ])
}

/// When a role is known to hold, in the site's language: "February 2025",
/// "June 2021 – February 2025", "since 2025", "until June 2021"; none
/// when neither bound is given.
fn span(role: &Role, words: &PageWords) -> Option<String> {
    let say =
        |key: &str, d: &crate::date::EventDate| words.words.say(key, &[("date", &words.date(d))]);
    match (&role.from, &role.until) {
        (Some(f), Some(u)) => Some(words.local.range(f, u, &words.dates.borrowed())),
        (Some(f), None) => Some(say("since", f)),
        (None, Some(u)) => Some(say("until", u)),
        (None, None) => None,
    }
}
