// The dashboard's pages, filled from /admin/api/. Visitor text is only ever set as textContent.
(function () {
  "use strict";
  var body = document.body;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var charts = {};
  var COLORS = ["#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df", "#1b7c83", "#9a6700", "#57606a"];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var a = el("a", text);
    a.href = href; // always a dashboard path built here, never visitor-supplied URLs
    return a;
  }

  function conversationLink(id) {
    return link("/admin/conversations/" + encodeURIComponent(id), id);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function row(cells) {
    var tr = el("tr");
    cells.forEach(function (cell) {
      var td = el("td");
      if (cell instanceof Node) td.appendChild(cell);
      else td.textContent = cell === null || cell === undefined ? "" : String(cell);
      tr.appendChild(td);
    });
    return tr;
  }

  function percent(rate) {
    return (rate * 100).toFixed(1) + " %";
  }

  function when(seconds) {
    return seconds ? new Date(seconds * 1000).toLocaleString() : "";
  }

  function api(path, options) {
    return fetch(path, Object.assign({ credentials: "same-origin", cache: "no-store" }, options || {})).then(
      function (response) {
        if (response.status === 401) {
          window.location.assign("/admin/login?next=" + encodeURIComponent(window.location.pathname));
          throw new Error("login required");
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }
    );
  }

  function done(name) {
    body.setAttribute("data-loaded", name);
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[id] = new window.Chart(document.getElementById(id), config);
  }

  function barChart(id, items, key, horizontal) {
    chart(id, {
      type: "bar",
      data: {
        labels: items.map(function (i) { return i.name; }),
        datasets: [{ label: "Conversations", data: items.map(function (i) { return i[key]; }),
          backgroundColor: COLORS }],
      },
      options: { indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { precision: 0 } } } },
    });
  }

  function periodSelect(load) {
    var select = document.getElementById("period");
    var saved = window.sessionStorage.getItem("advisor-period");
    if (saved) select.value = saved;
    select.addEventListener("change", function () {
      window.sessionStorage.setItem("advisor-period", select.value);
      load(select.value);
    });
    load(select.value);
  }

  // ---------------------------------------------------------------- overview
  function overview(period) {
    body.removeAttribute("data-loaded");
    api("/admin/api/overview?period=" + encodeURIComponent(period)).then(function (data) {
      document.getElementById("stat-conversations").textContent = data.conversations;
      document.getElementById("stat-messages").textContent = data.user_messages;
      document.getElementById("stat-fallback").textContent = percent(data.rates.fallback.rate);
      document.getElementById("stat-fallback-n").textContent = data.rates.fallback.messages + " messages";
      document.getElementById("stat-oos").textContent = percent(data.rates.out_of_scope.rate);
      document.getElementById("stat-oos-n").textContent = data.rates.out_of_scope.messages + " messages";
      document.getElementById("stat-handoff").textContent = percent(data.rates.handoff.rate);
      document.getElementById("stat-handoff-n").textContent = data.rates.handoff.conversations + " conversations";
      chart("chart-days", {
        type: "line",
        data: { labels: data.per_day.map(function (d) { return d.day; }),
          datasets: [{ label: "Conversations", data: data.per_day.map(function (d) { return d.conversations; }),
            borderColor: COLORS[0], backgroundColor: COLORS[0], tension: 0.2 }] },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
      barChart("chart-channels", data.channels, "conversations");
      barChart("chart-languages", data.languages, "conversations");
      var models = data.leads_by_model.map(function (m) { return { name: m.name, leads: m.leads }; });
      barChart("chart-models", models, "leads", true);
      chart("chart-funnel", {
        type: "bar",
        data: { labels: data.funnel.map(function (s) { return s.label; }),
          datasets: [
            { label: "Reached", data: data.funnel.map(function (s) { return s.conversations; }), backgroundColor: COLORS[0] },
            { label: "Dropped here", data: data.funnel.map(function (s) { return s.drop || 0; }), backgroundColor: "#d0d7de" },
          ] },
        options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
      });
      var funnelBody = clear(document.querySelector("#funnel-table tbody"));
      data.funnel.forEach(function (s) {
        var tr = row([s.label, s.conversations, percent(s.share), s.drop === null ? "" : s.drop]);
        tr.setAttribute("data-step", s.step);
        funnelBody.appendChild(tr);
      });
      var topics = clear(document.querySelector("#topics-table tbody"));
      data.topics.forEach(function (t) {
        var tr = row([t.title, t.questions, t.conversations]);
        tr.setAttribute("data-intent", t.intent);
        topics.appendChild(tr);
      });
      if (!data.topics.length) topics.appendChild(row(["No questions in this period", "", ""]));
      done("overview");
    });
  }

  // -------------------------------------------------------------- unanswered
  function unansweredPage(period) {
    body.removeAttribute("data-loaded");
    api("/admin/api/unanswered?period=" + encodeURIComponent(period)).then(function (data) {
      var list = clear(document.getElementById("unanswered-list"));
      if (!data.groups.length) list.appendChild(el("li", "Nothing unanswered in this period."));
      data.groups.forEach(function (group) {
        var item = el("li", null, "group");
        var head = el("div", null, "group-head");
        head.appendChild(el("span", group.text, "group-text"));
        head.appendChild(el("span", group.count + "×", "badge"));
        Object.keys(group.kinds).forEach(function (kind) { head.appendChild(el("span", kind, "tag")); });
        item.appendChild(head);
        var messages = el("ul", null, "messages");
        group.messages.forEach(function (m) {
          var li = el("li");
          li.appendChild(el("span", m.text, "quote"));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(conversationLink(m.conversation_id));
          li.appendChild(el("span", " " + when(m.time), "hint"));
          messages.appendChild(li);
        });
        item.appendChild(messages);
        list.appendChild(item);
      });
      done("unanswered");
    });
  }

  // ----------------------------------------------------------- conversations
  function conversationsPage() {
    var form = document.getElementById("conversation-search");
    var input = document.getElementById("q");
    var more = document.getElementById("more");
    var tbody = document.querySelector("#conversations-table tbody");
    var offset = 0;
    function load(reset) {
      body.removeAttribute("data-loaded");
      if (reset) { offset = 0; clear(tbody); }
      api("/admin/api/conversations?q=" + encodeURIComponent(input.value) + "&offset=" + offset).then(function (data) {
        data.conversations.forEach(function (c) {
          tbody.appendChild(row([when(c.last), conversationLink(c.conversation_id), c.first_message, c.messages,
            c.channel, c.language]));
        });
        offset += data.conversations.length;
        document.getElementById("conversation-count").textContent = data.total + " conversations";
        more.hidden = offset >= data.total;
        done("conversations");
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); load(true); });
    more.addEventListener("click", function () { load(false); });
    load(true);
  }

  function transcriptPage() {
    var id = body.getAttribute("data-conversation");
    document.getElementById("conversation-id").textContent = id;
    api("/admin/api/conversations/" + encodeURIComponent(id)).then(function (data) {
      var list = clear(document.getElementById("transcript"));
      data.turns.forEach(function (turn) {
        var item = el("li", null, "turn " + turn.kind);
        if (turn.kind === "marker") {
          item.textContent = turn.text;
          list.appendChild(item);
          return;
        }
        item.appendChild(el("div", turn.text, "text"));
        if (turn.kind === "bot" && turn.buttons.length) item.appendChild(el("div", "[" + turn.buttons.join("] [") + "]", "buttons"));
        var meta = el("div", when(turn.time), "meta");
        if (turn.kind === "user") {
          var confidence = turn.confidence === null || turn.confidence === undefined ? "" : " (" + percent(turn.confidence) + ")";
          meta.appendChild(el("span", " · " + (turn.intent || "no intent") + confidence, "intent"));
          turn.entities.forEach(function (e) { meta.appendChild(el("span", e.entity + "=" + e.value, "tag")); });
        }
        item.appendChild(meta);
        list.appendChild(item);
      });
      if (data.lead) {
        var fields = clear(document.getElementById("lead-fields"));
        ["id", "recommended_model", "processes", "languages", "hours", "volume", "timeline", "consent", "company",
          "contact_name", "email", "handoff_requested"].forEach(function (key) {
          var value = data.lead[key];
          fields.appendChild(el("dt", key));
          fields.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value === null ? "" : value));
        });
        document.getElementById("lead").hidden = false;
      }
      done("transcript");
    });
  }

  // ------------------------------------------------------------------- leads
  function leadsPage() {
    var form = document.getElementById("lead-filter");
    var modelSelect = document.getElementById("lead-model");
    var message = document.getElementById("lead-message");
    function load() {
      body.removeAttribute("data-loaded");
      var query = "q=" + encodeURIComponent(document.getElementById("lead-q").value) +
        "&model=" + encodeURIComponent(modelSelect.value) +
        "&consent=" + encodeURIComponent(document.getElementById("lead-consent").value);
      api("/admin/api/leads?" + query).then(function (data) {
        if (modelSelect.options.length === 1) {
          data.models.forEach(function (m) { var o = el("option", m); o.value = m; modelSelect.appendChild(o); });
        }
        var tbody = clear(document.querySelector("#leads-table tbody"));
        data.leads.forEach(function (lead) {
          var erase = el("button", "Erase", "danger");
          erase.type = "button";
          erase.addEventListener("click", function () { eraseLead(lead, load); });
          var tr = row([lead.id, (lead.updated_at || "").slice(0, 16).replace("T", " "), lead.recommended_model,
            (lead.processes || []).join(", "), (lead.languages || []).join(", "), lead.hours, lead.company,
            lead.contact_name, lead.email, lead.handoff_requested ? "yes" : "", conversationLink(lead.conversation_id), erase]);
          tr.setAttribute("data-lead", lead.id);
          tbody.appendChild(tr);
        });
        document.getElementById("lead-count").textContent = data.leads.length + " of " + data.total + " leads";
        done("leads");
      });
    }
    function eraseLead(lead, reload) {
      var who = lead.email || lead.company || "conversation " + lead.conversation_id;
      if (!window.confirm("Erase lead #" + lead.id + " (" + who + ")? This cannot be undone.")) return;
      api("/admin/api/leads/erase", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ lead_id: lead.id }) }).then(function (result) {
        message.textContent = result.erased ? "Lead #" + lead.id + " erased." : "Lead #" + lead.id + " was already gone.";
        reload();
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    load();
  }

  var page = body.getAttribute("data-page");
  if (page === "overview") periodSelect(overview);
  else if (page === "unanswered") periodSelect(unansweredPage);
  else if (page === "conversations") conversationsPage();
  else if (page === "transcript") transcriptPage();
  else if (page === "leads") leadsPage();
})();
