//! Small constructors of template values, shared by every view: a map in
//! key order, an optional value, and a date as templates see it.

use crate::date::{DateWords, EventDate, LocalDates};
use tera::{Map, Value};

/// A map from `(key, value)` pairs, in that order.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    Value::from(m)
}

/// `v` as a value, or none.
pub fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or_else(Value::none, Into::into)
}

/// A date as templates see it: `human` for readers, `machine` for
/// `<time datetime>` (none for a decade, which no `datetime` can say), and
/// `html`, the two together (`<time datetime="2025-02">February
/// 2025</time>`, or the words alone for a decade), for a word that wraps
/// a date: `t(key="since", date=d.html)`. `dates` writes it in the
/// site's language.
pub fn date(d: &EventDate, dates: &LocalDates) -> Value {
    let human = dates.date(d, &DateWords::default());
    let machine = d.datetime();
    let html = time_of(&human, machine.as_deref());
    map([
        ("human", human.into()),
        ("machine", opt(machine)),
        ("html", Value::safe_string(&html)),
    ])
}

/// A date in a `<time>` element, or its words alone for a decade. Dates
/// are said in numbers and month names, so they need no escaping.
pub fn time_html(d: &EventDate, dates: &LocalDates) -> String {
    let human = dates.date(d, &DateWords::default());
    time_of(&human, d.datetime().as_deref())
}

fn time_of(human: &str, machine: Option<&str>) -> String {
    match machine {
        Some(m) => format!("<time datetime=\"{m}\">{human}</time>"),
        None => human.to_string(),
    }
}
