/*!
 * Koe (声) web chat widget — dependency-free, ES2019.
 * Embed: <script src="https://<koe>/widget.js" data-channel="<publicKey>" async></script>
 * Everything renders inside an open Shadow DOM so the host page's CSS cannot leak in (or out).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) return;
  var publicKey = script.getAttribute('data-channel');
  if (!publicKey) {
    console.warn('[koe] widget.js needs a data-channel attribute');
    return;
  }
  // Loading the snippet twice on a page must not give two launchers.
  var loaded = (window.__koeWidgets = window.__koeWidgets || {});
  if (loaded[publicKey]) return;
  loaded[publicKey] = true;

  // The Koe server is wherever this script came from (works behind a sub-path too).
  var scriptUrl = new URL(script.src, window.location.href);
  var apiBase =
    scriptUrl.origin + scriptUrl.pathname.replace(/widget\.js$/, '') + 'api/widget/' + encodeURIComponent(publicKey);
  var storageKey = 'koe.visitor.' + publicKey;

  var TEXT = {
    ja: {
      open: 'チャットで問い合わせる',
      close: 'チャットを閉じる',
      title: 'お問い合わせ',
      subtitle: '通常数分以内にお返事します',
      busy: 'ただいま担当者が席を外しています。順番にお返事します',
      closed: '営業時間外です。{time}の営業開始後にお返事します',
      placeholder: 'メッセージを入力…',
      send: '送信',
      sending: '送信中…',
      failed: '送信できませんでした',
      retry: '再送',
      offline: '接続が切れています。再接続中…',
      loadError: 'チャットを読み込めませんでした。',
      you: 'あなた',
      poweredBy: 'Powered by Koe',
      commentPlaceholder: 'ご意見があればお聞かせください（任意）',
      rateSend: '送信',
      yourScore: 'あなたの評価: {score}',
      rateFailed: '送信できませんでした。もう一度お試しください',
      low: '不満',
      high: '満足',
      npsLow: 'すすめない',
      npsHigh: 'ぜひすすめたい',
      suggested: 'こちらの記事で解決するかもしれません',
    },
    en: {
      open: 'Chat with us',
      close: 'Close chat',
      title: 'Contact us',
      subtitle: 'We usually reply within a few minutes',
      busy: "Our team is away right now; we'll reply as soon as we can",
      closed: "We're closed now; we'll reply after we open ({time})",
      placeholder: 'Type a message…',
      send: 'Send',
      sending: 'Sending…',
      failed: 'Could not send',
      retry: 'Retry',
      offline: 'Connection lost. Reconnecting…',
      loadError: 'The chat could not be loaded.',
      you: 'You',
      poweredBy: 'Powered by Koe',
      commentPlaceholder: 'Anything you would like to tell us? (optional)',
      rateSend: 'Send',
      yourScore: 'Your rating: {score}',
      rateFailed: 'Could not send. Please try again',
      low: 'Poor',
      high: 'Great',
      npsLow: 'Not likely',
      npsHigh: 'Very likely',
      suggested: 'These articles might answer your question',
    },
  };
  var langAttr = (script.getAttribute('data-lang') || '').toLowerCase();
  var browserLang = (navigator.language || '').toLowerCase();
  var lang = langAttr === 'en' || langAttr === 'ja' ? langAttr : browserLang.indexOf('en') === 0 ? 'en' : 'ja';
  var t = TEXT[lang];

  // ---- state -------------------------------------------------------------------------------
  var state = {
    token: readToken(),
    opened: false,
    session: null, // Promise of the running/finished session start
    messages: [], // {key, id, clientMessageId, from, text, authorName, createdAt, status}
    unread: 0,
  };
  var events = null;
  var reconnectTimer = null;

  function readToken() {
    try {
      return window.localStorage.getItem(storageKey);
    } catch (e) {
      return null; // storage blocked: the conversation lasts for this page view only
    }
  }

  function saveToken(token) {
    state.token = token;
    try {
      window.localStorage.setItem(storageKey, token);
    } catch (e) {
      /* ignore */
    }
  }

  function newClientMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    return 'c-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  // ---- DOM ---------------------------------------------------------------------------------
  var host = document.createElement('div');
  host.setAttribute('data-koe-widget', publicKey);
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('z-index', '2147483000', 'important');
  host.style.setProperty('bottom', '0', 'important');
  host.style.setProperty('right', '0', 'important');
  var root = host.attachShadow({ mode: 'open' });

  // Constructable stylesheets survive host pages whose CSP forbids inline <style>; fall back otherwise.
  var useSheet =
    'adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  if (useSheet) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES());
    root.adoptedStyleSheets = [sheet];
  }
  root.innerHTML =
    (useSheet ? '' : '<style>' + STYLES() + '</style>') +
    '<div class="panel" part="panel" role="dialog" aria-modal="false" hidden>' +
    '  <header><div><div class="title"></div><div class="subtitle" data-testid="koe-widget-availability"></div></div>' +
    '    <button type="button" class="close" aria-label=""><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg></button></header>' +
    '  <div class="notice" hidden></div>' +
    '  <div class="log" role="log" aria-live="polite"></div>' +
    '  <div class="suggest" data-testid="koe-widget-suggestions" aria-live="polite" hidden></div>' +
    '  <form class="composer"><textarea rows="1" data-testid="koe-widget-input"></textarea>' +
    '    <button type="submit" class="send" data-testid="koe-widget-send"></button></form>' +
    '  <div class="brand"></div>' +
    '</div>' +
    '<button type="button" class="launcher" part="launcher" data-testid="koe-widget-launcher" aria-expanded="false">' +
    '  <svg class="icon-chat" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6.1L4.5 21l4.2-2.3c1 .3 2.1.4 3.3.4 5.5 0 10-3.6 10-8.1S17.5 3 12 3z"/></svg>' +
    '  <svg class="icon-close" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>' +
    '  <span class="badge" hidden></span>' +
    '</button>';

  var el = {
    panel: root.querySelector('.panel'),
    title: root.querySelector('.title'),
    subtitle: root.querySelector('.subtitle'),
    close: root.querySelector('.close'),
    notice: root.querySelector('.notice'),
    log: root.querySelector('.log'),
    form: root.querySelector('form'),
    suggest: root.querySelector('.suggest'),
    input: root.querySelector('textarea'),
    send: root.querySelector('.send'),
    brand: root.querySelector('.brand'),
    launcher: root.querySelector('.launcher'),
    badge: root.querySelector('.badge'),
  };
  el.title.textContent = t.title;
  // The promise waits for the session: it depends on who is online and the opening hours.
  el.subtitle.textContent = '';
  el.close.setAttribute('aria-label', t.close);
  el.input.setAttribute('placeholder', t.placeholder);
  el.input.setAttribute('aria-label', t.placeholder);
  el.input.setAttribute('maxlength', '5000');
  el.send.textContent = t.send;
  el.brand.textContent = t.poweredBy;
  el.launcher.setAttribute('aria-label', t.open);
  el.panel.setAttribute('aria-label', t.title);

  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  // ---- rendering ---------------------------------------------------------------------------
  var greetingEl = null;

  function renderGreeting(text) {
    if (!text) return;
    if (!greetingEl) {
      greetingEl = document.createElement('div');
      greetingEl.className = 'msg from-agent greeting';
      greetingEl.setAttribute('data-testid', 'koe-widget-greeting');
      var bubble = document.createElement('div');
      bubble.className = 'bubble';
      greetingEl.appendChild(bubble);
      el.log.insertBefore(greetingEl, el.log.firstChild);
    }
    greetingEl.firstChild.textContent = text;
  }

  function renderMessage(m) {
    var node = el.log.querySelector('[data-key="' + cssEscape(m.key) + '"]');
    if (!node) {
      node = document.createElement('div');
      node.setAttribute('data-testid', 'koe-widget-message');
      node.setAttribute('data-key', m.key);
      node.innerHTML = '<div class="meta"></div><div class="bubble"></div><div class="status"></div>';
      el.log.appendChild(node);
    }
    node.className =
      'msg from-' +
      m.from +
      (m.status === 'sending' ? ' is-sending' : '') +
      (m.status === 'failed' ? ' is-failed' : '');
    node.setAttribute('data-from', m.from);
    if (m.id) node.setAttribute('data-id', m.id);
    node.querySelector('.meta').textContent =
      (m.from === 'agent' ? m.authorName || '' : t.you) + ' · ' + formatTime(m.createdAt);
    node.querySelector('.bubble').textContent = m.text;
    var status = node.querySelector('.status');
    status.textContent = '';
    if (m.status === 'sending') status.textContent = t.sending;
    if (m.status === 'failed') {
      status.textContent = t.failed + ' ';
      var retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'retry';
      retry.textContent = t.retry;
      retry.addEventListener('click', function () {
        deliver(m);
      });
      status.appendChild(retry);
    }
    // Buttons under a reply (the answer bot's "talk to a person"): a tap sends the label as the visitor's message.
    var choices = node.querySelector('.choices');
    if (choices) choices.parentNode.removeChild(choices);
    if (m.choices && m.choices.length && !m.choiceTaken) {
      choices = document.createElement('div');
      choices.className = 'choices';
      m.choices.forEach(function (c) {
        var b = document.createElement('button');
        b.type = 'button';
        b.setAttribute('data-testid', 'koe-widget-choice');
        b.textContent = c.label;
        b.addEventListener('click', function () {
          sendText(c.label);
        });
        choices.appendChild(b);
      });
      node.appendChild(choices);
    }
  }

  // ---- satisfaction survey (asked after a resolution) -----------------------------------------
  var surveyEl = null;

  function renderSurvey(survey) {
    if (!survey || !survey.open) return;
    if (!surveyEl) {
      surveyEl = document.createElement('div');
      surveyEl.className = 'msg from-agent survey';
      surveyEl.setAttribute('data-testid', 'koe-widget-survey');
    }
    el.log.appendChild(surveyEl); // the newest item of the log
    surveyEl.innerHTML = '';
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    var question = document.createElement('div');
    question.textContent = survey.question;
    bubble.appendChild(question);
    if (survey.score !== null && survey.score !== undefined) {
      var done = document.createElement('div');
      done.className = 'survey-done';
      done.setAttribute('data-testid', 'koe-widget-survey-done');
      done.textContent = survey.thanks + ' ' + t.yourScore.replace('{score}', String(survey.score));
      bubble.appendChild(done);
      surveyEl.appendChild(bubble);
      return;
    }
    var nps = survey.kind === 'nps';
    var chosen = null;
    var scale = document.createElement('div');
    scale.className = 'scale';
    scale.setAttribute('role', 'radiogroup');
    for (var n = nps ? 0 : 1; n <= (nps ? 10 : 5); n++) {
      (function (score) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = String(score);
        b.setAttribute('role', 'radio');
        b.setAttribute('aria-checked', 'false');
        b.setAttribute('data-testid', 'koe-widget-score-' + score);
        b.addEventListener('click', function () {
          chosen = score;
          Array.prototype.forEach.call(scale.children, function (c) {
            c.setAttribute('aria-checked', c === b ? 'true' : 'false');
          });
          send.disabled = false;
        });
        scale.appendChild(b);
      })(n);
    }
    var ends = document.createElement('div');
    ends.className = 'ends';
    ends.innerHTML = '<span></span><span></span>';
    ends.firstChild.textContent = nps ? t.npsLow : t.low;
    ends.lastChild.textContent = nps ? t.npsHigh : t.high;
    var comment = document.createElement('textarea');
    comment.rows = 2;
    comment.maxLength = 2000;
    comment.placeholder = t.commentPlaceholder;
    comment.setAttribute('aria-label', t.commentPlaceholder);
    comment.setAttribute('data-testid', 'koe-widget-survey-comment');
    var send = document.createElement('button');
    send.type = 'button';
    send.className = 'survey-send';
    send.textContent = t.rateSend;
    send.disabled = true;
    send.setAttribute('data-testid', 'koe-widget-survey-send');
    var error = document.createElement('div');
    error.className = 'survey-error';
    send.addEventListener('click', function () {
      if (chosen === null) return;
      send.disabled = true;
      error.textContent = '';
      var body = { visitorToken: state.token, surveyId: survey.id, score: chosen };
      if (comment.value.trim()) body.comment = comment.value.trim();
      request('POST', '/survey', body)
        .then(function (answered) {
          renderSurvey(answered);
          scrollToEnd();
        })
        .catch(function () {
          error.textContent = t.rateFailed;
          send.disabled = false;
        });
    });
    bubble.appendChild(scale);
    bubble.appendChild(ends);
    bubble.appendChild(comment);
    bubble.appendChild(send);
    bubble.appendChild(error);
    surveyEl.appendChild(bubble);
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
  }

  function formatTime(iso) {
    var date = iso ? new Date(iso) : new Date();
    try {
      return date.toLocaleTimeString(lang === 'en' ? 'en-US' : 'ja-JP', { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return '';
    }
  }

  function scrollToEnd() {
    el.log.scrollTop = el.log.scrollHeight;
  }

  function showNotice(text) {
    el.notice.textContent = text || '';
    el.notice.hidden = !text;
  }

  function updateBadge() {
    el.badge.hidden = state.unread === 0;
    el.badge.textContent = state.unread > 9 ? '9+' : String(state.unread);
  }

  // ---- message store (dedupes optimistic messages against the server's echo) --------------
  function findMessage(wm) {
    for (var i = 0; i < state.messages.length; i++) {
      var m = state.messages[i];
      if ((wm.id && m.id === wm.id) || (wm.clientMessageId && m.clientMessageId === wm.clientMessageId)) return m;
    }
    return null;
  }

  function upsert(wm, fromServer) {
    var m = findMessage(wm);
    var isNew = !m;
    if (!m) {
      m = { key: wm.clientMessageId || wm.id, status: 'sent' };
      state.messages.push(m);
    }
    m.id = wm.id || m.id;
    m.clientMessageId = wm.clientMessageId || m.clientMessageId || null;
    m.from = wm.from;
    m.text = wm.text;
    m.authorName = wm.authorName;
    m.createdAt = wm.createdAt || m.createdAt;
    m.choices = wm.choices || m.choices || null;
    if (fromServer) m.status = 'sent';
    renderMessage(m);
    if (isNew) {
      scrollToEnd();
      if (wm.from === 'agent' && !state.opened && fromServer) {
        state.unread += 1;
        updateBadge();
      }
    }
    return m;
  }

  // ---- network -----------------------------------------------------------------------------
  function request(method, path, body) {
    return fetch(apiBase + path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      mode: 'cors',
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.status === 204 ? null : res.json();
    });
  }

  /** The header's promise: minutes when someone is online, otherwise when the desk will answer. */
  function renderAvailability(a) {
    if (!a || a.state === 'online') {
      el.subtitle.textContent = t.subtitle;
    } else if (a.state === 'closed' && a.opensAt) {
      var opens = new Date(a.opensAt);
      var fmt = { timeZone: a.timeZone, hour: '2-digit', minute: '2-digit' };
      // The day too, when it is not today in the desk's time zone.
      var day = new Intl.DateTimeFormat('en-CA', { timeZone: a.timeZone });
      if (day.format(opens) !== day.format(new Date())) {
        fmt.month = 'numeric';
        fmt.day = 'numeric';
        fmt.weekday = 'short';
      }
      var when;
      try {
        when = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', fmt).format(opens);
      } catch (e) {
        when = opens.toLocaleString();
      }
      el.subtitle.textContent = t.closed.replace('{time}', when);
    } else {
      el.subtitle.textContent = t.busy;
    }
    el.subtitle.setAttribute('data-availability', a ? a.state : 'online');
  }

  function startSession() {
    if (state.session) return state.session;
    var body = { locale: lang };
    if (state.token) body.visitorToken = state.token;
    state.session = request('POST', '/session', body)
      .then(function (session) {
        saveToken(session.visitorToken);
        if (session.channelName) el.title.textContent = session.channelName;
        renderAvailability(session.availability);
        renderGreeting(session.greeting);
        (session.messages || []).forEach(function (wm) {
          upsert(wm, true);
        });
        renderSurvey(session.survey);
        scrollToEnd();
        showNotice('');
        listen();
      })
      .catch(function (err) {
        state.session = null; // allow a later attempt (next open or send)
        showNotice(t.loadError);
        throw err;
      });
    return state.session;
  }

  function listen() {
    if (events || !state.token) return;
    events = new EventSource(apiBase + '/events?visitorToken=' + encodeURIComponent(state.token));
    events.onopen = function () {
      showNotice('');
      // Replies may have arrived before this stream opened (after the session) or while disconnected.
      refreshHistory();
    };
    events.onmessage = function (e) {
      try {
        upsert(JSON.parse(e.data), true);
      } catch (err) {
        /* ignore malformed event */
      }
    };
    events.addEventListener('survey', function (e) {
      try {
        renderSurvey(JSON.parse(e.data));
        scrollToEnd();
      } catch (err) {
        /* ignore malformed event */
      }
    });
    events.onerror = function () {
      if (state.opened) showNotice(t.offline);
      if (events && events.readyState === EventSource.CLOSED) {
        // The browser gave up; try again ourselves.
        events = null;
        clearTimeout(reconnectTimer);
        reconnectTimer = setTimeout(listen, 5000);
      }
    };
  }

  function refreshHistory() {
    request('GET', '/messages?visitorToken=' + encodeURIComponent(state.token))
      .then(function (res) {
        (res.items || []).forEach(function (wm) {
          upsert(wm, true);
        });
      })
      .catch(function () {
        /* next reconnect tries again */
      });
  }

  function deliver(m) {
    m.status = 'sending';
    renderMessage(m);
    return startSession()
      .then(function () {
        return request('POST', '/messages', {
          visitorToken: state.token,
          clientMessageId: m.clientMessageId,
          text: m.text,
        });
      })
      .then(function (res) {
        if (res && res.id) m.id = res.id;
        m.status = 'sent';
        renderMessage(m);
      })
      .catch(function () {
        m.status = 'failed';
        renderMessage(m);
      });
  }

  function sendFromInput() {
    var text = el.input.value.trim();
    if (!text) return;
    el.input.value = '';
    autoGrow();
    suggestFor('');
    sendText(text);
  }

  function sendText(text) {
    // Once the visitor writes (or taps), earlier buttons have had their say.
    state.messages.forEach(function (old) {
      if (old.choices && !old.choiceTaken) {
        old.choiceTaken = true;
        renderMessage(old);
      }
    });
    var m = upsert(
      {
        id: null,
        clientMessageId: newClientMessageId(),
        from: 'customer',
        text: text,
        authorName: '',
        createdAt: new Date().toISOString(),
      },
      false,
    );
    deliver(m);
  }

  // ---- interaction -------------------------------------------------------------------------
  function setOpen(open) {
    state.opened = open;
    el.panel.hidden = !open;
    el.launcher.classList.toggle('is-open', open);
    el.launcher.setAttribute('aria-expanded', String(open));
    el.launcher.setAttribute('aria-label', open ? t.close : t.open);
    if (open) {
      state.unread = 0;
      updateBadge();
      startSession().catch(function () {
        /* notice already shown */
      });
      scrollToEnd();
      setTimeout(function () {
        el.input.focus();
      }, 0);
    }
  }

  function autoGrow() {
    el.input.style.height = 'auto';
    el.input.style.height = Math.min(el.input.scrollHeight, 120) + 'px';
  }

  el.launcher.addEventListener('click', function () {
    setOpen(!state.opened);
  });
  el.close.addEventListener('click', function () {
    setOpen(false);
    el.launcher.focus();
  });
  el.form.addEventListener('submit', function (e) {
    e.preventDefault();
    sendFromInput();
  });
  el.input.addEventListener('input', autoGrow);
  el.input.addEventListener('keydown', function (e) {
    // Enter sends, Shift+Enter breaks the line; never send while an IME (kana→kanji) is composing.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendFromInput();
    }
    if (e.key === 'Escape') setOpen(false);
  });

  // A returning visitor gets replies (and an unread badge) even before opening the panel.
  if (state.token) {
    startSession().catch(function () {
      /* shown when the visitor opens the panel */
    });
  }

  // ---- help-center articles while the visitor types ------------------------------------------
  // Published articles for the words typed so far (debounced; the server answers nothing when the help center is
  // off). Only the newest answer is shown.
  var suggestTimer = null;
  var suggestSeq = 0;

  function suggestFor(text) {
    clearTimeout(suggestTimer);
    var q = text.trim();
    var seq = ++suggestSeq;
    if (q.length < 2) {
      renderSuggestions([]);
      return;
    }
    suggestTimer = setTimeout(function () {
      request('GET', '/articles?q=' + encodeURIComponent(q.slice(0, 200)) + '&lang=' + lang)
        .then(function (res) {
          if (seq === suggestSeq) renderSuggestions((res && res.items) || []);
        })
        .catch(function () {
          /* suggestions are a help, never an error */
        });
    }, 350);
  }

  function renderSuggestions(items) {
    el.suggest.innerHTML = '';
    el.suggest.hidden = items.length === 0;
    if (!items.length) return;
    var heading = document.createElement('div');
    heading.className = 'suggest-title';
    heading.textContent = t.suggested;
    el.suggest.appendChild(heading);
    items.slice(0, 3).forEach(function (item) {
      var a = document.createElement('a');
      a.href = /^https?:/i.test(item.url) ? item.url : '#';
      a.target = '_blank';
      a.rel = 'noopener';
      a.setAttribute('data-testid', 'koe-widget-suggestion');
      var title = document.createElement('strong');
      title.textContent = item.title;
      var snippet = document.createElement('span');
      snippet.textContent = item.snippet;
      a.appendChild(title);
      a.appendChild(snippet);
      el.suggest.appendChild(a);
    });
  }

  el.input.addEventListener('input', function () {
    suggestFor(el.input.value);
  });

  // ---- opened from a link: the help center's "chat with us" points at #koe-chat -------------
  function openFromHash() {
    if (window.location.hash !== '#koe-chat') return;
    // Dropped at once, so the same link opens the chat again after the visitor closed it.
    if (window.history && history.replaceState)
      history.replaceState(null, '', window.location.pathname + window.location.search);
    if (!state.opened) setOpen(true);
  }
  window.addEventListener('hashchange', openFromHash);
  openFromHash();

  function STYLES() {
    return [
      ':host{all:initial}',
      '*{box-sizing:border-box}',
      '.launcher,.panel{font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP","Yu Gothic UI",Meiryo,system-ui,-apple-system,"Segoe UI",sans-serif;font-size:14px;line-height:1.6;color:#1f2933}',
      '.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;cursor:pointer;background:#0c8599;color:#fff;box-shadow:0 6px 20px rgba(12,133,153,.35);display:flex;align-items:center;justify-content:center;transition:transform .15s ease}',
      '.launcher:hover{transform:scale(1.05)}',
      '.launcher:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #66d9e8;outline-offset:2px}',
      '.launcher .icon-close{display:none}',
      '.launcher.is-open .icon-close{display:block}',
      '.launcher.is-open .icon-chat{display:none}',
      '.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e03131;color:#fff;font-size:12px;line-height:20px;text-align:center;font-weight:700}',
      '.panel{position:fixed;right:20px;bottom:92px;width:370px;height:min(560px,calc(100vh - 120px));background:#fff;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.18);display:flex;flex-direction:column;overflow:hidden}',
      '.panel[hidden]{display:none}',
      'header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:14px 16px;background:#0c8599;color:#fff}',
      '.title{font-weight:700;font-size:15px}',
      '.subtitle{font-size:12px;opacity:.85}',
      '.close{background:transparent;border:0;color:#fff;cursor:pointer;padding:4px;border-radius:6px;display:flex}',
      '.close:hover{background:rgba(255,255,255,.15)}',
      '.notice{padding:6px 12px;background:#fff3bf;color:#5c3c00;font-size:12px}',
      '.notice[hidden]{display:none}',
      '.log{flex:1;overflow-y:auto;padding:16px 12px;background:#f8f9fa;display:flex;flex-direction:column;gap:10px}',
      '.msg{display:flex;flex-direction:column;max-width:82%}',
      '.msg.from-customer{align-self:flex-end;align-items:flex-end}',
      '.msg.from-agent{align-self:flex-start;align-items:flex-start}',
      '.meta{font-size:11px;color:#868e96;margin:0 4px 2px}',
      '.bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}',
      '.from-customer .bubble{background:#0c8599;color:#fff;border-bottom-right-radius:4px}',
      '.from-agent .bubble{background:#fff;border:1px solid #e9ecef;border-bottom-left-radius:4px}',
      '.greeting .bubble{background:#e3fafc;border-color:#c5f6fa}',
      '.survey{max-width:100%}',
      '.survey .bubble{background:#fff;border:1px solid #c5f6fa}',
      '.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}',
      '.choices button{font:inherit;font-size:13px;border:1px solid #0c8599;color:#0c8599;background:#fff;border-radius:14px;padding:3px 12px;cursor:pointer}',
      '.scale{display:flex;gap:4px;flex-wrap:wrap;margin-top:8px}',
      '.scale button{flex:1 0 28px;padding:6px 0;border:1px solid #ced4da;border-radius:8px;background:#fff;font:inherit;font-weight:700;cursor:pointer}',
      '.scale button[aria-checked=true]{background:#0c8599;border-color:#0c8599;color:#fff}',
      '.ends{display:flex;justify-content:space-between;font-size:11px;color:#868e96;margin:2px 2px 6px}',
      '.survey textarea{width:100%;border:1px solid #ced4da;border-radius:8px;padding:6px 8px;font:inherit;resize:vertical}',
      '.survey-send{margin-top:6px;width:100%;padding:7px;border:0;border-radius:8px;background:#0c8599;color:#fff;font:inherit;font-weight:700;cursor:pointer}',
      '.survey-send:disabled{opacity:.5;cursor:default}',
      '.survey-error{color:#c92a2a;font-size:12px}',
      '.survey-done{margin-top:6px;font-weight:700;color:#0b7285}',
      '.is-sending .bubble{opacity:.6}',
      '.is-failed .bubble{background:#fff5f5;color:#c92a2a;border:1px solid #ffc9c9}',
      '.status{font-size:11px;color:#868e96;margin:2px 4px 0}',
      '.status:empty{display:none}',
      '.is-failed .status{color:#c92a2a}',
      '.retry{background:none;border:0;color:#0c8599;font:inherit;font-weight:700;cursor:pointer;text-decoration:underline;padding:0}',
      '.suggest{padding:8px 12px;border-top:1px solid #e9ecef;background:#fff;max-height:40%;overflow-y:auto}',
      '.suggest[hidden]{display:none}',
      '.suggest-title{font-size:12px;color:#495057;margin-bottom:4px}',
      '.suggest a{display:block;padding:6px 8px;border-radius:8px;color:#0b7285;text-decoration:none}',
      '.suggest a:hover,.suggest a:focus-visible{background:#e3fafc}',
      '.suggest strong{display:block;font-size:13px}',
      '.suggest span{display:block;font-size:12px;color:#495057;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
      '.composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #e9ecef;background:#fff}',
      'textarea{flex:1;resize:none;border:1px solid #ced4da;border-radius:10px;padding:8px 10px;font:inherit;color:inherit;min-height:40px;max-height:120px;background:#fff}',
      '.send{border:0;border-radius:10px;background:#0c8599;color:#fff;font:inherit;font-weight:700;padding:0 16px;height:40px;cursor:pointer;white-space:nowrap}',
      '.send:hover{background:#0b7285}',
      '.brand{font-size:10px;color:#adb5bd;text-align:center;padding:0 0 6px;background:#fff}',
      '@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0}.launcher.is-open{display:none}}',
    ].join('');
  }
})();
