/* Lantern web chat. Plain script, no dependencies, safe under a strict CSP.
 *
 * Privacy rules this file keeps:
 *  - the session token lives only in sessionStorage ("lantern.session"); nothing in localStorage,
 *    no cookies;
 *  - the conversation exists only in the DOM;
 *  - server text is only ever inserted with textContent;
 *  - quick exit (button or Esc) clears sessionStorage and replaces this history entry.
 */
(function () {
  "use strict";

  var SESSION_KEY = "lantern.session";
  var MAX_CHARS = 1000;
  var REQUEST_TIMEOUT_MS = 45000;

  var body = document.body;
  var exitUrl = body.getAttribute("data-exit-url") || "about:blank";
  var pageLang = document.documentElement.getAttribute("lang") || body.getAttribute("data-lang") || "";

  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("ui-strings").textContent) || {};
  } catch (e) {
    strings = {};
  }
  function t(key) {
    return typeof strings[key] === "string" ? strings[key] : "";
  }

  var messages = document.getElementById("messages");
  var composer = document.getElementById("composer");
  var input = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var languageSelect = document.getElementById("language");
  var countrySelect = document.getElementById("country");
  var quickExit = document.getElementById("quick-exit");

  /* ---- session token (sessionStorage only, in-memory fallback) ---- */

  var memorySession = null;

  function readSession() {
    try {
      return window.sessionStorage.getItem(SESSION_KEY);
    } catch (e) {
      return memorySession;
    }
  }

  function writeSession(token) {
    memorySession = token;
    try {
      window.sessionStorage.setItem(SESSION_KEY, token);
    } catch (e) {
      /* storage unavailable: keep it in memory for this page only */
    }
  }

  /* ---- conversation language ----
   * A language the person chose (the ?lang= of this page) or the page language of a new
   * conversation is sent; on a reload of an existing conversation without ?lang= we send null so
   * the server keeps the conversation's language. After each reply we send the language the
   * server reports, without reloading the page.
   */
  function initialLanguage() {
    var requested = null;
    try {
      requested = new URLSearchParams(window.location.search).get("lang");
    } catch (e) {
      requested = null;
    }
    if (requested && requested === pageLang) {
      return pageLang;
    }
    return readSession() ? null : pageLang || null;
  }

  var conversationLanguage = initialLanguage();
  var busy = false;

  /* ---- quick exit ---- */

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    try {
      window.sessionStorage.clear();
    } catch (e) {
      /* nothing stored */
    }
    memorySession = null;
    while (messages && messages.firstChild) {
      messages.removeChild(messages.firstChild);
    }
    if (input) {
      input.value = "";
    }
    window.location.replace(exitUrl);
  }

  if (quickExit) {
    quickExit.addEventListener("click", leave);
  }
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !event.isComposing) {
      leave(event);
    }
  });

  /* ---- language selector ---- */

  function pageAddress(lang) {
    var address = "/?lang=" + encodeURIComponent(lang);
    if (countrySelect && countrySelect.value) {
      address += "&country=" + encodeURIComponent(countrySelect.value);
    }
    return address;
  }

  if (languageSelect) {
    languageSelect.addEventListener("change", function () {
      var code = languageSelect.value;
      if (code) {
        window.location.replace(pageAddress(code));
      }
    });
  }

  /* ---- country selector: answers follow that country's content; sent with each message ---- */

  if (countrySelect) {
    countrySelect.addEventListener("change", function () {
      /* Keep the address in step, so a reload keeps the choice without storing anything. */
      window.history.replaceState(null, "", pageAddress(conversationLanguage || pageLang));
    });
  }

  /* ---- rendering ---- */

  function scrollToBottom() {
    messages.scrollTop = messages.scrollHeight;
  }

  function scrollToShow(element) {
    /* Show the start of a (possibly long) reply together with what came just before it. */
    var anchor = element.previousElementSibling || element;
    var top = anchor.offsetTop - 8;
    var bottom = messages.scrollHeight - messages.clientHeight;
    messages.scrollTop = Math.max(0, Math.min(top, bottom));
  }

  function addBubble(className, text, role) {
    var wrap = document.createElement("div");
    wrap.className = className;
    if (role) {
      wrap.setAttribute("role", role);
    }
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.setAttribute("dir", "auto");
    bubble.textContent = text;
    wrap.appendChild(bubble);
    messages.appendChild(wrap);
    scrollToBottom();
    return wrap;
  }

  function addUserBubble(text) {
    return addBubble("msg user", text);
  }

  function addNotice(text) {
    return addBubble("msg notice error", text, "alert");
  }

  function addBotMessage(message, language) {
    var text = message && typeof message.text === "string" ? message.text : "";
    var buttons = message && Array.isArray(message.buttons) ? message.buttons : [];
    if (!text && buttons.length === 0) {
      return null;
    }
    var wrap = document.createElement("div");
    wrap.className = "msg bot";
    if (language) {
      wrap.setAttribute("lang", language);
    }
    if (text) {
      var bubble = document.createElement("div");
      bubble.className = "bubble";
      bubble.setAttribute("dir", "auto");
      bubble.textContent = text;
      wrap.appendChild(bubble);
    }
    var valid = buttons.filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string" && b.payload;
    });
    if (valid.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      valid.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("dir", "auto");
        button.textContent = b.title || b.payload;
        button.addEventListener("click", function () {
          chooseButton(group, button, b);
        });
        group.appendChild(button);
      });
      wrap.appendChild(group);
    }
    messages.appendChild(wrap);
    return wrap;
  }

  var typingElement = null;

  function showTyping() {
    hideTyping();
    typingElement = document.createElement("div");
    typingElement.className = "typing";
    var dots = document.createElement("span");
    dots.className = "dots";
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i++) {
      dots.appendChild(document.createElement("span"));
    }
    var label = document.createElement("span");
    label.className = "typing-label";
    label.textContent = t("typing");
    typingElement.appendChild(dots);
    typingElement.appendChild(label);
    messages.appendChild(typingElement);
    scrollToBottom();
  }

  function hideTyping() {
    if (typingElement && typingElement.parentNode) {
      typingElement.parentNode.removeChild(typingElement);
    }
    typingElement = null;
  }

  function setBusy(value) {
    busy = value;
    body.classList.toggle("is-busy", value);
    if (sendButton) {
      sendButton.setAttribute("aria-disabled", value ? "true" : "false");
    }
    messages.setAttribute("aria-busy", value ? "true" : "false");
  }

  /* ---- talking to the server ---- */

  function postChat(text) {
    var payload = {
      session: readSession() || null,
      text: text,
      language: conversationLanguage || null,
      country: (countrySelect && countrySelect.value) || null,
    };
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () {
          controller.abort();
        }, REQUEST_TIMEOUT_MS)
      : null;
    return fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
      credentials: "same-origin",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (!data || typeof data !== "object" || !Array.isArray(data.messages)) {
          throw new Error("bad response");
        }
        return data;
      })
      .finally(function () {
        if (timer) {
          window.clearTimeout(timer);
        }
      });
  }

  /* Send `text` to the server, showing `shown` as the person's bubble.
   * onFailure is called (after the error notice is shown) when nothing was delivered. */
  function send(text, shown, onFailure) {
    if (busy) {
      return false;
    }
    setBusy(true);
    var userBubble = addUserBubble(shown);
    showTyping();
    postChat(text)
      .then(function (data) {
        hideTyping();
        if (typeof data.session === "string" && data.session) {
          writeSession(data.session);
        }
        if (typeof data.language === "string" && data.language) {
          conversationLanguage = data.language;
        }
        var first = null;
        data.messages.forEach(function (message) {
          var element = addBotMessage(message, conversationLanguage);
          if (!first && element) {
            first = element;
          }
        });
        if (first) {
          scrollToShow(first);
        }
      })
      .catch(function () {
        hideTyping();
        if (userBubble && userBubble.parentNode) {
          userBubble.parentNode.removeChild(userBubble);
        }
        addNotice(t("error"));
        if (onFailure) {
          onFailure();
        }
      })
      .finally(function () {
        setBusy(false);
      });
    return true;
  }

  function chooseButton(group, button, choice) {
    if (busy) {
      return;
    }
    var all = group.querySelectorAll("button");
    Array.prototype.forEach.call(all, function (b) {
      b.disabled = true;
    });
    button.classList.add("chosen");
    button.setAttribute("aria-pressed", "true");
    send(choice.payload, choice.title || choice.payload, function () {
      Array.prototype.forEach.call(all, function (b) {
        b.disabled = false;
        b.removeAttribute("aria-pressed");
      });
      button.classList.remove("chosen");
    });
  }

  function submitTyped() {
    if (busy) {
      return;
    }
    var raw = input.value;
    var text = raw.trim().slice(0, MAX_CHARS);
    if (!text) {
      input.value = "";
      autoGrow();
      input.focus();
      return;
    }
    input.value = "";
    autoGrow();
    send(text, text, function () {
      /* Never lose what the person wrote: put it back, unless they already typed something new. */
      if (!input.value) {
        input.value = raw;
      } else {
        input.value = raw + "\n" + input.value;
      }
      autoGrow();
    });
    input.focus();
  }

  /* ---- composer ---- */

  function autoGrow() {
    if (!input) {
      return;
    }
    input.style.height = "auto";
    var max = Math.round(window.innerHeight * 0.3);
    input.style.height = Math.min(input.scrollHeight + 2, max) + "px";
  }

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    submitTyped();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submitTyped();
    }
  });
  input.addEventListener("input", autoGrow);
})();
