// Annals timeline filters, by actor, place, tag, status and words, in a URL
// that reopens the view; without the script the form stays hidden.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !window.URLSearchParams) return;
  var timeline = document.querySelector(".timeline, .periods");
  var results = document.getElementById("results");
  var count = document.getElementById("filter-count");
  var order = document.getElementById("order");
  var indexUrl = form.getAttribute("data-index");
  var root = indexUrl ? indexUrl.replace(/search\.json$/, "") : "";
  var keys = ["actor", "place", "tag", "status", "q"];
  // The page's words (its counts already in the plural form for its total).
  var said = {};
  try { said = JSON.parse(form.dataset.words); } catch (e) {}
  // On a phone, the bar at the foot of the screen: the filters open from
  // one button that says how many events show.
  var tools = document.getElementById("annals-tools");
  var toggle = document.getElementById("annals-filter-toggle");
  var index = null, loading = null;

  // Every container whose children can be put in reverse, with its children
  // in the order the page gave them.
  var groups = [timeline].concat(
    [].slice.call(document.querySelectorAll(".timeline .year, .timeline ol.events"))
  ).filter(Boolean).map(function (el) {
    return { el: el, kids: [].slice.call(el.children).filter(function (k) {
      return k.matches("section, .month, li");
    }) };
  });

  function field(name) { return form.elements[name]; }
  function value(name) { var f = field(name); return f ? f.value.trim() : ""; }
  // Words match in any script and case: NFKC, then the page language's lower case.
  var lang = document.documentElement.lang || undefined;
  function fold(s) { s = s.normalize("NFKC"); try { return s.toLocaleLowerCase(lang); } catch (e) { return s.toLowerCase(); } }
  function words(s) { return fold(s).split(/\s+/).filter(Boolean); }
  function has(list, slug) { return !slug || (" " + list + " ").indexOf(" " + slug + " ") >= 0; }
  function say(key, shown) { return (said[key] || "").replace("{shown}", shown); }


  function state() {
    var s = {};
    keys.forEach(function (k) { s[k] = value(k); });
    s.newest = order.getAttribute("aria-pressed") === "true";
    return s;
  }
  function active(s) { return keys.some(function (k) { return s[k]; }); }

  function matches(s, d, text) {
    return has(d.actors, s.actor) && has(d.places, s.place) && has(d.tags, s.tag) &&
      has(d.status, s.status) &&
      words(s.q).every(function (w) { return text.indexOf(w) >= 0; });
  }

  function arrange(newest) {
    groups.forEach(function (g) {
      var kids = newest ? g.kids.slice().reverse() : g.kids;
      kids.forEach(function (k) { g.el.appendChild(k); });
    });
  }

  // Filters the events on this page, hiding what does not match and the
  // months and years left empty.
  function filterPage(s) {
    var shown = 0;
    [].forEach.call(document.querySelectorAll(".timeline ol.events > li"), function (li) {
      var a = li.querySelector("article.event");
      var d = { actors: a.getAttribute("data-actors"), places: a.getAttribute("data-places"),
        tags: a.getAttribute("data-tags"), status: a.getAttribute("data-status") };
      var ok = matches(s, d, fold(a.textContent));
      li.hidden = !ok;
      if (ok) shown++;
    });
    [].forEach.call(document.querySelectorAll(".timeline .month, .timeline .year"), function (g) {
      var any = g.querySelector("ol.events > li:not([hidden]), .period-link");
      g.hidden = active(s) && !any;
    });
    return shown;
  }

  function card(e) {
    var li = document.createElement("li");
    var art = li.appendChild(document.createElement("article"));
    art.className = "event status-" + e.status;
    art.setAttribute("data-actors", e.actors.join(" "));
    var meta = art.appendChild(document.createElement("p"));
    meta.className = "event-meta";
    meta.textContent = e.when + " ";
    var st = meta.appendChild(document.createElement("span"));
    st.className = "status status-" + e.status;
    var opt = field("status").querySelector('option[value="' + e.status + '"]');
    st.textContent = opt ? opt.textContent : e.status;
    var h = art.appendChild(document.createElement("h3"));
    h.className = "event-title";
    var link = h.appendChild(document.createElement("a"));
    link.href = root + "events/" + e.slug + "/";
    link.textContent = e.title;
    if (e.summary) {
      var p = art.appendChild(document.createElement("p"));
      p.className = "event-summary";
      p.textContent = e.summary;
    }
    return li;
  }

  // Filters the whole timeline from the search index (split timelines).
  function filterIndex(s) {
    var names = function (list, ids) { return ids.map(function (i) { return list[i]; }); };
    var found = index.events.map(function (r) {
      var a = names(index.actors, r[5]), p = names(index.places, r[6]), t = names(index.tags, r[7]);
      var slugs = function (l) { return l.map(function (x) { return x[0]; }).join(" "); };
      var text = fold([r[1], r[2], r[4]].concat(a, p, t).join(" "));
      var d = { actors: slugs(a), places: slugs(p), tags: slugs(t), status: r[3] + (r[8] ? " open" : "") + (r[9] ? " corrected" : "") };
      return matches(s, d, text) && { slug: r[0], title: r[1], when: r[2], status: r[3],
        summary: r[4], actors: a.map(function (x) { return x[0]; }) };
    }).filter(Boolean);
    if (s.newest) found.reverse();
    var ol = document.createElement("ol");
    ol.className = "events";
    found.forEach(function (e) { ol.appendChild(card(e)); });
    results.textContent = "";
    results.appendChild(ol);
    return found.length;
  }

  function apply() {
    var s = state();
    arrange(s.newest);
    var useIndex = indexUrl && active(s);
    if (useIndex && !index) {
      // One request, however many changes come while it is under way.
      if (!loading) {
        count.textContent = say("loading");
        loading = fetch(indexUrl).then(function (r) { return r.json(); }).then(function (data) {
          index = data;
          apply();
        }, function () {
          loading = null;
          count.textContent = say("index_failed");
        });
      }
      return;
    }
    var shown = useIndex ? filterIndex(s) : filterPage(s);
    if (results) results.hidden = !useIndex;
    if (timeline) timeline.hidden = !!useIndex;
    count.textContent = say(active(s) ? "shown_of_total" : "events", shown);
    if (toggle) toggle.lastChild.textContent = count.textContent;
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    if (s.newest) params.set("order", "newest");
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var params = new URLSearchParams(location.search);
  keys.forEach(function (k) { var f = field(k); if (f && params.get(k)) f.value = params.get(k); });
  order.setAttribute("aria-pressed", params.get("order") === "newest" ? "true" : "false");
  form.hidden = false;
  function open(yes) {
    tools.classList.toggle("open", yes);
    toggle.setAttribute("aria-expanded", String(yes));
  }
  if (tools && toggle) {
    tools.classList.add("enhanced");
    toggle.hidden = false;
    toggle.addEventListener("click", function () { open(!tools.classList.contains("open")); });
    tools.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && tools.classList.contains("open")) { open(false); toggle.focus(); }
    });
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply); });
  order.addEventListener("click", function () {
    order.setAttribute("aria-pressed", order.getAttribute("aria-pressed") === "true" ? "false" : "true");
    apply();
  });
  if (active(state()) || state().newest) apply();
})();
