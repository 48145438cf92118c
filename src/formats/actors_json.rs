//! The actors of `events.json`: every actor with its events and, for an
//! actor with a file in `actors/`, its aliases, roles and description; and
//! each event's actors with the actor each name stands for and the role it
//! held on the event's date. Described in `schemas/events.schema.json`
//! (`actor`, `actor_role`).

use super::Inputs;
use super::json_date::{DateJson, date};
use crate::date::{DateWords, LocalDates};
use crate::model::{TermKind, urls};
use crate::source::actors::Role;
use crate::source::event::Event;
use serde::Serialize;

/// One actor: a term of the actor taxonomy, with its record where it has
/// one (otherwise no aliases, no roles and no description).
#[derive(Serialize)]
pub struct ActorJson<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    /// Slugs of its events, in time order.
    events: Vec<&'a str>,
    /// Whether it has a file in `actors/`.
    record: bool,
    /// Other spellings that name it, as its file writes them.
    aliases: Vec<&'a str>,
    roles: Vec<RoleJson<'a>>,
    /// Its file's description, as HTML; none without a file or a body.
    description_html: Option<&'a str>,
}

#[derive(Serialize)]
struct RoleJson<'a> {
    title: &'a str,
    /// The first date it is known to hold; none: since a time not given.
    from: Option<DateJson>,
    /// The last date it is known to hold; none: it still holds.
    until: Option<DateJson>,
    /// For readers: "February 2025", "since 2025"; none without dates.
    when: Option<String>,
}

/// One of an event's actors: the name as the event writes it, the slug of
/// the actor it names, and the role that actor held on the event's date.
#[derive(Serialize)]
pub struct ActorRoleJson<'a> {
    name: &'a str,
    actor: &'a str,
    role: Option<String>,
}

/// Every actor, in the taxonomy's order (by name). `url` makes a page's
/// address; `dates` writes dates for readers.
pub fn actors<'a>(
    input: &Inputs<'a>,
    url: impl Fn(String) -> String,
    dates: &LocalDates,
) -> Vec<ActorJson<'a>> {
    let site = input.site;
    site.taxonomy(TermKind::Actor)
        .terms
        .iter()
        .map(|t| {
            let record = site.people.of_slug(&t.slug);
            let person = record.map(|r| &site.people.records[r]);
            let description = record
                .and_then(|r| input.descriptions.get(r))
                .map(String::as_str)
                .filter(|html| !html.trim().is_empty());
            ActorJson {
                name: &t.name,
                slug: &t.slug,
                url: url(urls::term(TermKind::Actor, &t.slug)),
                events: t
                    .events
                    .iter()
                    .map(|&i| site.events[i].slug.as_str())
                    .collect(),
                record: person.is_some(),
                aliases: person
                    .map_or_else(Vec::new, |p| p.aliases.iter().map(String::as_str).collect()),
                roles: person.map_or_else(Vec::new, |p| {
                    p.roles
                        .iter()
                        .map(|r| RoleJson {
                            title: &r.title,
                            from: r.from.as_ref().map(|d| date(d, dates)),
                            until: r.until.as_ref().map(|d| date(d, dates)),
                            when: span(r, dates),
                        })
                        .collect()
                }),
                description_html: description,
            }
        })
        .collect()
}

/// When a role is known to hold, for readers: "February 2025", "June 2021
/// – February 2025", "since 2025", "until June 2021" (the dates in the
/// site's language, the words in English as in every data file); none
/// when neither bound is given.
fn span(role: &Role, dates: &LocalDates) -> Option<String> {
    let words = DateWords::default();
    match (&role.from, &role.until) {
        (Some(f), Some(u)) => Some(dates.range(f, u, &words)),
        (Some(f), None) => Some(format!("since {}", dates.date(f, &words))),
        (None, Some(u)) => Some(format!("until {}", dates.date(u, &words))),
        (None, None) => None,
    }
}

/// Each of `e`'s actors, in the order written.
pub fn roles_of<'a>(input: &Inputs<'a>, e: &'a Event) -> Vec<ActorRoleJson<'a>> {
    let site = input.site;
    let tax = site.taxonomy(TermKind::Actor);
    e.actors
        .iter()
        .filter_map(|name| {
            Some(ActorRoleJson {
                name,
                actor: &tax.get(name)?.slug,
                role: site.people.role_text(name, e.placed_at()),
            })
        })
        .collect()
}
