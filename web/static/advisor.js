// Starts the rasa-webchat widget on this page, in the page's language, once the assistant answers.
// While the assistant cannot be reached, a visible notice says so (instead of an invisible widget).
(function () {
  "use strict";
  var config = window.ADVISOR_CONFIG || {};
  var pages = {
    en: {
      title: "Outsourcing Advisor",
      subtitle: "BPO and call-center outsourcing, explained",
      placeholder: "Type a message...",
      offline: "The assistant is not reachable right now. We keep trying; meanwhile you can write to us.",
      tooMany: "Too many messages in a short time: please wait a moment, then try again.",
    },
    it: {
      title: "Outsourcing Advisor",
      subtitle: "BPO e outsourcing del call center, spiegati",
      placeholder: "Scrivi un messaggio...",
      offline: "L'assistente al momento non è raggiungibile. Continuiamo a riprovare; intanto puoi scriverci.",
      tooMany: "Troppi messaggi in poco tempo: aspetta un momento, poi riprova.",
    },
    de: {
      title: "Outsourcing Advisor",
      subtitle: "BPO und Callcenter-Outsourcing, erklärt",
      placeholder: "Nachricht schreiben...",
      offline: "Der Assistent ist gerade nicht erreichbar. Wir versuchen es weiter; inzwischen können Sie uns schreiben.",
      tooMany: "Zu viele Nachrichten in kurzer Zeit: Bitte warten Sie einen Moment und versuchen Sie es dann erneut.",
    },
  };
  // The page's language (<html lang>) if the widget has texts for it, else English.
  var language = pages[document.documentElement.lang] ? document.documentElement.lang : "en";
  var texts = pages[language];

  function notice(show) {
    var element = document.getElementById("assistant-offline");
    element.textContent = texts.offline;
    element.hidden = !show;
  }

  // The production profile's nginx answers 429 when one address sends too much (deploy/nginx.conf.in).
  // The widget's socket.io client would retry silently; the page says why instead, for a few seconds.
  var tooManyTimer = null;
  function tooManyNotice() {
    var element = document.getElementById("assistant-offline");
    element.textContent = texts.tooMany;
    element.style.zIndex = "10000"; // above the open widget
    element.hidden = false;
    clearTimeout(tooManyTimer);
    tooManyTimer = setTimeout(function () {
      element.hidden = true;
    }, 8000);
  }

  function watchForRateLimits() {
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function () {
      this.addEventListener("load", function () {
        if (this.status === 429) tooManyNotice();
      });
      return open.apply(this, arguments);
    };
  }

  function startWidget() {
    window.WebChat.default(
      {
        initPayload: "/greet",
        customData: { language: language },
        socketUrl: config.socketUrl,
        socketPath: "/socket.io/",
        title: texts.title,
        subtitle: texts.subtitle,
        inputTextFieldHint: texts.placeholder,
        params: { storage: "local" }, // the conversation survives a page reload
        customMessageDelay: function () {
          return 400; // a short pause between bubbles instead of a simulated typing time
        },
        embedded: false,
        showFullScreenButton: false,
      },
      document.getElementById("webchat")
    );
  }

  function waitForAssistant() {
    fetch(config.socketUrl + "/", { cache: "no-store" })
      .then(function (response) {
        if (response.status === 429) {
          tooManyNotice();
          setTimeout(waitForAssistant, 5000);
          return;
        }
        if (!response.ok) throw new Error(response.status);
        notice(false);
        startWidget();
      })
      .catch(function () {
        notice(true);
        setTimeout(waitForAssistant, 5000);
      });
  }

  watchForRateLimits();
  waitForAssistant();
})();
