/*
 * BizInbox web chat, customer side. Served at /chat (wwwroot/chat/index.html), standalone or inside the
 * iframe that /widget.js opens (?embed=1). Plain ES2020, no build step.
 * Talks to the widget hub at /hubs/widget with the SignalR client (/lib/signalr/signalr.min.js).
 *
 * Security: message texts and every string that comes from the server are put into the page as text nodes
 * (textContent, createTextNode) only; links in messages are built as elements whose href is checked to be
 * http(s). Nothing here uses innerHTML. A file's address is used only if it is this app's /chat/files/ path.
 *
 * Messages to the embedding page (window.parent, targetOrigin '*', so they carry no content):
 *   {type:'bizinbox:ready'}                 the page is up (its header has a close button)
 *   {type:'bizinbox:session', active}       whether this visitor has a chat session
 *   {type:'bizinbox:unread', count}         team messages not yet seen
 *   {type:'bizinbox:close'}                 the visitor closed the chat
 * From the embedding page (only from window.parent): {type:'bizinbox:panel', open} – the panel was opened or
 * closed (the iframe stays loaded while closed so that the unread count keeps working).
 */
(() => {
  'use strict';

  const MAX_MESSAGE = 4096;
  const MAX_NAME = 100;
  const COUNTER_FROM = MAX_MESSAGE - 500;
  const TYPING_EVERY = 3000;
  const TYPING_IDLE = 3000;
  const AGENT_TYPING_TIMEOUT = 8000;
  const START_RETRY_DELAYS = [2000, 5000, 10000];
  const RATE_LIMIT_RETRY_DELAYS = [4000, 8000, 16000];
  const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const MAX_PHONE = 32;
  const PAGE_SIZE = 200; // the hub returns at most this many messages per GetMessages call
  // The contract's codes, plus phone_invalid, message_invalid and invalid, which the hub also sends.
  const ERROR_CODES = ['inbox_not_found', 'name_required', 'name_too_long', 'email_invalid', 'phone_invalid', 'session_invalid',
    'message_empty', 'message_too_long', 'message_invalid', 'rate_limited', 'invalid'];

  const STRINGS = {
    de: {
      locale: 'de-DE',
      title: 'Chat',
      verified: 'Von WhatsApp bestätigt',
      loading: 'Chat wird geladen …',
      connecting: 'Verbindung wird hergestellt …',
      reconnecting: 'Verbindung unterbrochen – wird wiederhergestellt …',
      disconnected: 'Keine Verbindung zum Chat.',
      offlineTitle: 'Der Chat ist gerade nicht erreichbar',
      offlineText: 'Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
      reconnect: 'Neu verbinden',
      close: 'Chat schließen',
      intro: 'Hallo! Schreiben Sie uns – wir antworten Ihnen hier.',
      name: 'Name',
      email: 'E-Mail',
      phone: 'Telefon',
      optional: '(optional)',
      firstMessage: 'Ihre Nachricht',
      privacy: 'Mit dem Start des Chats stimmen Sie zu, dass {business} Ihre Nachrichten speichert, um Ihnen zu antworten.',
      start: 'Chat starten',
      starting: 'Chat wird gestartet …',
      thread: 'Nachrichten',
      composer: 'Ihre Nachricht',
      placeholder: 'Nachricht schreiben …',
      send: 'Senden',
      you: 'Sie',
      team: 'Team',
      sending: 'Wird gesendet …',
      sent: 'Gesendet',
      delivered: 'Zugestellt',
      read: 'Gelesen',
      failed: 'Nicht gesendet',
      retry: 'Erneut senden',
      today: 'Heute',
      yesterday: 'Gestern',
      typingOne: '{name} schreibt …',
      typingMany: '{names} schreiben …',
      and: ' und ',
      newMessages: 'Neue Nachrichten',
      counter: '{count} / {max} Zeichen',
      tooLong: 'Ihre Nachricht ist zu lang: {count} von höchstens {max} Zeichen. Bitte kürzen Sie sie.',
      messageRequired: 'Bitte schreiben Sie Ihre Nachricht.',
      notConnected: 'Der Chat ist gerade nicht verbunden. Ihre Eingaben bleiben erhalten – bitte versuchen Sie es gleich noch einmal.',
      offlineQueued: 'Keine Verbindung. Die Nachricht wird gesendet, sobald die Verbindung wieder steht.',
      notSent: 'Nachricht nicht gesendet: {reason}',
      generic: 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
      sessionEnded: 'Ihre Chat-Sitzung ist abgelaufen. Bitte starten Sie den Chat neu – Ihre nicht gesendete Nachricht haben wir übernommen.',
      missingInbox: 'Dieser Chat-Link ist unvollständig. Bitte öffnen Sie den Chat über die Website des Unternehmens.',
      loadFailed: 'Der Chat konnte nicht geladen werden. Bitte laden Sie die Seite neu.',
      reload: 'Seite neu laden',
      unavailable: 'Chat nicht verfügbar',
      openImage: 'Bild öffnen: {name}',
      download: '{name} herunterladen ({size})',
      units: ['Byte', 'KB', 'MB'],
      errors: {
        inbox_not_found: 'Dieser Chat ist derzeit nicht verfügbar. Bitte erreichen Sie das Unternehmen auf anderem Weg.',
        name_required: 'Bitte geben Sie Ihren Namen ein.',
        name_too_long: 'Bitte geben Sie einen Namen mit höchstens 100 Zeichen ein.',
        email_invalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.',
        phone_invalid: 'Bitte geben Sie Ihre Telefonnummer mit Ländervorwahl ein (z. B. +49 170 1234567) oder lassen Sie das Feld leer.',
        session_invalid: 'Ihre Chat-Sitzung ist abgelaufen. Bitte starten Sie einen neuen Chat.',
        message_empty: 'Leere Nachrichten können nicht gesendet werden.',
        message_too_long: 'Ihre Nachricht ist zu lang (höchstens 4.096 Zeichen).',
        rate_limited: 'Sie senden gerade sehr schnell Nachrichten. Bitte warten Sie einen Moment – Ihre Nachricht ist nicht verloren.',
        message_invalid: 'Die Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es noch einmal.',
        invalid: 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
      },
    },
    en: {
      locale: 'en-GB',
      title: 'Chat',
      verified: 'Verified by WhatsApp',
      loading: 'Loading the chat…',
      connecting: 'Connecting…',
      reconnecting: 'Connection lost. Reconnecting…',
      disconnected: 'The chat is not connected.',
      offlineTitle: 'The chat cannot be reached right now',
      offlineText: 'Please check your internet connection and try again.',
      reconnect: 'Reconnect',
      close: 'Close chat',
      intro: 'Hi! Send us a message and we will answer you here.',
      name: 'Name',
      email: 'Email',
      phone: 'Phone',
      optional: '(optional)',
      firstMessage: 'Your message',
      privacy: 'By starting the chat you agree that {business} stores your messages to answer you.',
      start: 'Start chat',
      starting: 'Starting the chat…',
      thread: 'Messages',
      composer: 'Your message',
      placeholder: 'Write a message…',
      send: 'Send',
      you: 'You',
      team: 'Team',
      sending: 'Sending…',
      sent: 'Sent',
      delivered: 'Delivered',
      read: 'Read',
      failed: 'Not sent',
      retry: 'Retry',
      today: 'Today',
      yesterday: 'Yesterday',
      typingOne: '{name} is typing…',
      typingMany: '{names} are typing…',
      and: ' and ',
      newMessages: 'New messages',
      counter: '{count} / {max} characters',
      tooLong: 'Your message is too long: {count} of at most {max} characters. Please shorten it.',
      messageRequired: 'Please write your message.',
      notConnected: 'The chat is not connected right now. Your input has been kept – please try again in a moment.',
      offlineQueued: 'No connection. The message will be sent as soon as the connection is back.',
      notSent: 'Message not sent: {reason}',
      generic: 'Something went wrong. Please try again.',
      sessionEnded: 'Your chat session has expired. Please start the chat again – we have kept your unsent message.',
      missingInbox: 'This chat link is incomplete. Please open the chat from the business\'s website.',
      loadFailed: 'The chat could not be loaded. Please reload the page.',
      reload: 'Reload page',
      unavailable: 'Chat not available',
      openImage: 'Open picture: {name}',
      download: 'Download {name} ({size})',
      units: ['bytes', 'KB', 'MB'],
      errors: {
        inbox_not_found: 'This chat is currently not available. Please reach the business another way.',
        name_required: 'Please enter your name.',
        name_too_long: 'Please enter a name of at most 100 characters.',
        email_invalid: 'Please enter a valid email address or leave the field empty.',
        phone_invalid: 'Please enter your phone number with its country code (e.g. +49 170 1234567) or leave the field empty.',
        session_invalid: 'Your chat session has expired. Please start a new chat.',
        message_empty: 'Empty messages cannot be sent.',
        message_too_long: 'Your message is too long (at most 4,096 characters).',
        rate_limited: 'You are sending messages very quickly. Please wait a moment — your message has not been lost.',
        message_invalid: 'The message could not be sent. Please try again.',
        invalid: 'Something went wrong. Please try again.',
      },
    },
  };

  // ---- Parameters and environment -------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  const inboxKey = (params.get('inbox') || '').trim();
  const inFrame = window.parent !== window;
  const embedded = params.get('embed') === '1';
  const lang = pickLanguage(params.get('lang'));
  const T = STRINGS[lang];
  const storageKey = 'bizinbox:' + inboxKey;
  const seenKey = storageKey + ':seen';
  const outboxKey = storageKey + ':outbox';
  const draftKey = storageKey + ':draft';
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const coarsePointer = window.matchMedia('(pointer: coarse)').matches;
  const timeFormat = new Intl.DateTimeFormat(T.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayFormat = new Intl.DateTimeFormat(T.locale, { weekday: 'long', day: 'numeric', month: 'long' });
  const dayYearFormat = new Intl.DateTimeFormat(T.locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const numberFormat = new Intl.NumberFormat(T.locale);

  function pickLanguage(value) {
    const wanted = (value || navigator.language || 'en').toLowerCase();
    return wanted === 'de' || wanted.startsWith('de-') ? 'de' : 'en';
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  // Storage can be unavailable (blocked third-party storage, private modes): fall back to this page view.
  const memoryStore = new Map();
  const store = {
    get(key) {
      try { return window.localStorage.getItem(key); } catch { return memoryStore.has(key) ? memoryStore.get(key) : null; }
    },
    set(key, value) {
      try { window.localStorage.setItem(key, value); } catch { memoryStore.set(key, value); }
    },
    remove(key) {
      try { window.localStorage.removeItem(key); } catch { /* unavailable */ }
      memoryStore.delete(key);
    },
  };

  // ---- DOM ------------------------------------------------------------------------------------------------

  const byId = (id) => document.getElementById(id);
  const ui = {
    app: byId('app'),
    title: byId('title'),
    verified: byId('verified'),
    subtitle: byId('subtitle'),
    avatar: byId('avatar'),
    close: byId('close'),
    banner: byId('banner'),
    bannerText: byId('banner-text'),
    bannerButton: byId('banner-button'),
    views: {
      loading: byId('view-loading'),
      offline: byId('view-offline'),
      error: byId('view-error'),
      start: byId('view-start'),
      thread: byId('view-thread'),
    },
    loadingText: byId('loading-text'),
    offlineButton: byId('offline-button'),
    errorText: byId('error-text'),
    errorButton: byId('error-button'),
    startGreeting: byId('start-greeting'),
    startForm: byId('start-form'),
    startNotice: byId('start-notice'),
    startError: byId('start-error'),
    startSubmit: byId('start-submit'),
    privacy: byId('privacy'),
    fields: {
      name: byId('f-name'),
      email: byId('f-email'),
      phone: byId('f-phone'),
      message: byId('f-message'),
    },
    thread: byId('thread'),
    threadGreeting: byId('thread-greeting'),
    jump: byId('jump'),
    typing: byId('typing'),
    typingText: byId('typing-text'),
    composer: byId('composer'),
    input: byId('composer-input'),
    counter: byId('composer-counter'),
    composerError: byId('composer-error'),
    send: byId('composer-send'),
    announcer: byId('announcer'),
  };

  function h(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    return element;
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function applyStaticTexts() {
    document.documentElement.lang = lang;
    document.title = T.title;
    for (const element of document.querySelectorAll('[data-t]')) element.textContent = T[element.dataset.t];
    for (const element of document.querySelectorAll('[data-t-label]')) element.setAttribute('aria-label', T[element.dataset.tLabel]);
    for (const element of document.querySelectorAll('[data-t-placeholder]')) element.placeholder = T[element.dataset.tPlaceholder];
    setText(ui.title, T.title);
  }

  function applyBrandColor() {
    const color = (params.get('color') || '').trim();
    if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color)) return;
    const root = document.documentElement.style;
    root.setProperty('--brand', color);
    root.setProperty('--on-brand', prefersDarkText(color) ? '#111418' : '#ffffff');
  }

  // Black or white text on the brand colour, whichever has the better WCAG contrast.
  function prefersDarkText(hex) {
    let value = hex.slice(1);
    if (value.length === 3) value = value.replace(/./g, '$&$&');
    const channel = (i) => {
      const c = parseInt(value.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05);
  }

  function showView(name) {
    for (const [key, element] of Object.entries(ui.views)) element.hidden = key !== name;
    state.view = name;
    ui.app.dataset.view = name;
    updateBanner();
    updateUnread();
  }

  function announce(text) {
    ui.announcer.textContent = '';
    window.setTimeout(() => { ui.announcer.textContent = text; }, 50);
  }

  // ---- State ----------------------------------------------------------------------------------------------

  const state = {
    connection: null,
    conn: 'idle', // idle | connecting | connected | reconnecting | disconnected
    info: null, // { businessName, inboxName, greeting }
    session: null, // { token, contactName, businessName }
    entries: [], // messages in display order: confirmed ones by id, then unconfirmed ones
    byId: new Map(),
    byClientId: new Map(),
    lastSyncedId: null,
    outboxRestored: false,
    fatal: false,
    syncing: false,
    syncAgain: false,
    view: 'loading',
    panelOpen: !(embedded && inFrame),
    lastSeenId: null,
    unread: -1,
    agentsTyping: new Map(),
    typingSentAt: 0,
    typingOn: false,
    typingIdleTimer: 0,
  };

  function connected() {
    return state.connection !== null && state.connection.state === signalR.HubConnectionState.Connected;
  }

  // The hub throws HubException(code); the client sees "... HubException: code". Anything else is no code.
  function errorCode(error) {
    const message = String((error && error.message) || error || '');
    const at = message.lastIndexOf(': ');
    const code = (at >= 0 ? message.slice(at + 2) : message).trim();
    return ERROR_CODES.includes(code) ? code : null;
  }

  function postToParent(data) {
    if (embedded && inFrame) window.parent.postMessage(data, '*');
  }

  // ---- Connection -----------------------------------------------------------------------------------------

  function createConnection() {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/widget')
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on('MessagesChanged', () => { sync(); });
    connection.on('AgentTyping', (name, isTyping) => agentTyping(name, isTyping));
    connection.onreconnecting(() => setConnectionState('reconnecting'));
    connection.onreconnected(() => {
      setConnectionState('connected');
      afterConnect();
    });
    connection.onclose(() => {
      setConnectionState('disconnected');
      for (const entry of state.entries) {
        if (entry.state === 'pending') markOffline(entry);
      }
      clearAgentsTyping();
    });
    return connection;
  }

  async function connect() {
    if (state.fatal || state.conn === 'connecting' || state.conn === 'connected' || state.conn === 'reconnecting') return;
    setConnectionState('connecting');
    for (let attempt = 0; ; attempt++) {
      try {
        await state.connection.start();
        break;
      } catch {
        if (attempt >= START_RETRY_DELAYS.length) {
          setConnectionState('disconnected');
          return;
        }
        await sleep(START_RETRY_DELAYS[attempt]);
      }
    }
    setConnectionState('connected');
    await afterConnect();
  }

  function sleep(ms) {
    return new Promise((resolve) => window.setTimeout(resolve, ms));
  }

  // After the automatic reconnect has given up: keep trying slowly in the background (the Reconnect button,
  // coming back to the tab and the browser going online try at once).
  let retryTimer = 0;
  let retryDelay = 0;
  function scheduleBackgroundRetry() {
    window.clearTimeout(retryTimer);
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 15000, 120000);
    retryTimer = window.setTimeout(() => {
      if (state.conn === 'disconnected' && !document.hidden) connect();
      else if (state.conn === 'disconnected') scheduleBackgroundRetry();
    }, retryDelay);
  }

  function setConnectionState(value) {
    if (state.fatal) return;
    state.conn = value;
    if (value === 'connected') {
      window.clearTimeout(retryTimer);
      retryDelay = 0;
    } else if (value === 'disconnected') scheduleBackgroundRetry();
    ui.app.dataset.connection = value;
    if (value === 'disconnected' && !state.info) showView('offline');
    else if (value === 'connecting' && !state.info) {
      setText(ui.loadingText, T.connecting);
      showView('loading');
    }
    updateBanner();
  }

  function updateBanner() {
    const inConversation = state.view === 'start' || state.view === 'thread';
    let text = '';
    let button = false;
    if (inConversation && state.conn === 'reconnecting') text = T.reconnecting;
    else if (inConversation && state.conn === 'connecting') text = T.connecting;
    else if (inConversation && state.conn === 'disconnected') {
      text = T.disconnected;
      button = true;
    }
    ui.banner.hidden = !text;
    setText(ui.bannerText, text);
    ui.bannerButton.hidden = !button;
  }

  // After the first connect and after every reconnect: the hub keeps the session per connection.
  async function afterConnect() {
    try {
      if (!state.info) {
        const info = await state.connection.invoke('GetInboxInfo', inboxKey);
        applyInfo(info || {});
      }
      const token = (state.session && state.session.token) || store.get(storageKey);
      if (token) {
        try {
          const session = await state.connection.invoke('Resume', token);
          setSession(session, token);
        } catch (error) {
          if (errorCode(error) !== 'session_invalid') throw error;
          sessionLost();
          return;
        }
      }
      const firstView = state.view !== 'start' && state.view !== 'thread';
      if (!state.session) {
        if (state.view !== 'start') showStart(false);
        if (firstView && state.panelOpen) focusCurrentView();
        return;
      }
      if (state.view !== 'thread') showThread(false);
      if (firstView && state.panelOpen) focusCurrentView();
      restoreOutbox();
      await sync();
      await retryOffline();
    } catch (error) {
      if (errorCode(error) === 'inbox_not_found') showError(T.errors.inbox_not_found, false);
      else if (connected() && !state.info) showError(T.loadFailed, true);
      // Otherwise the connection dropped on the way; onreconnected or the Reconnect button come back here.
    }
  }

  function applyInfo(info) {
    state.info = {
      businessName: String(info.businessName || ''),
      inboxName: String(info.inboxName || ''),
      greeting: info.greeting ? String(info.greeting) : null,
      verified: info.verified === true,
    };
    // The badge only while WhatsApp reports an Official Business Account for the business's number.
    ui.verified.hidden = !state.info.verified;
    ui.verified.setAttribute('aria-label', T.verified);
    ui.verified.title = T.verified;
    const business = state.info.businessName || T.title;
    setText(ui.title, business);
    setText(ui.avatar, initials(business));
    const subtitle = state.info.inboxName && state.info.inboxName !== state.info.businessName ? state.info.inboxName : '';
    setText(ui.subtitle, subtitle);
    ui.subtitle.hidden = !subtitle;
    document.title = business === T.title ? T.title : T.title + ' – ' + business;
    setText(ui.privacy, format(T.privacy, { business }));
    setText(ui.startGreeting, state.info.greeting || T.intro);
    setText(ui.threadGreeting, state.info.greeting || '');
    ui.threadGreeting.hidden = !state.info.greeting;
  }

  function initials(name) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
    return letters.map((word) => Array.from(word)[0] || '').join('').toUpperCase() || '?';
  }

  function setSession(session, token) {
    const wasActive = state.session !== null;
    state.session = {
      token: String((session && session.token) || token),
      contactName: String((session && session.contactName) || ''),
      businessName: String((session && session.businessName) || ''),
    };
    store.set(storageKey, state.session.token);
    const seen = Number(store.get(seenKey));
    state.lastSeenId = Number.isFinite(seen) && store.get(seenKey) !== null ? seen : null;
    if (!wasActive) postToParent({ type: 'bizinbox:session', active: true });
  }

  // The server no longer knows the token: start over, keeping every unsent text for the new first message.
  function sessionLost() {
    const unsent = state.entries.filter((entry) => entry.id === null).map((entry) => entry.text);
    const stored = readOutbox().map((item) => item.text).filter((text) => !unsent.includes(text));
    const texts = stored.concat(unsent);
    store.remove(storageKey);
    store.remove(seenKey);
    store.remove(outboxKey);
    state.session = null;
    state.lastSyncedId = null;
    state.lastSeenId = null;
    state.outboxRestored = false;
    for (const entry of state.entries) entry.el.remove();
    state.entries = [];
    state.byId.clear();
    state.byClientId.clear();
    clearAgentsTyping();
    postToParent({ type: 'bizinbox:session', active: false });
    if (texts.length > 0) {
      const message = ui.fields.message;
      message.value = [message.value.trim()].concat(texts).filter(Boolean).join('\n\n');
      ui.startNotice.hidden = false;
      setText(ui.startNotice, T.sessionEnded);
    }
    showStart(false);
  }

  // One sync at a time; a MessagesChanged during a sync triggers one more round.
  async function sync() {
    if (!state.session || !connected()) return;
    if (state.syncing) {
      state.syncAgain = true;
      return;
    }
    state.syncing = true;
    try {
      do {
        state.syncAgain = false;
        const messages = await state.connection.invoke('GetMessages', state.lastSyncedId);
        const list = Array.isArray(messages) ? messages : [];
        merge(list);
        // A full page after a known id may have more behind it (a long absence): fetch on.
        if (list.length >= PAGE_SIZE && state.lastSyncedId !== null) state.syncAgain = true;
      } while (state.syncAgain && connected());
    } catch (error) {
      if (errorCode(error) === 'session_invalid') {
        state.syncing = false;
        await recoverSession();
      }
    } finally {
      state.syncing = false;
    }
  }

  // A call said the connection has no session (e.g. the server restarted): resume, but not in a loop; a
  // recovery already under way is not awaited, because it may be the caller's own caller.
  let recovering = false;
  async function recoverSession() {
    if (recovering || !connected()) return;
    recovering = true;
    try {
      await afterConnect();
    } finally {
      window.setTimeout(() => { recovering = false; }, 5000);
    }
  }

  // ---- Messages -----------------------------------------------------------------------------------------

  function merge(messages) {
    const stick = isNearBottom();
    let othersAdded = false;
    let ownAdded = false;
    messages.sort((a, b) => a.id - b.id);
    for (const message of messages) {
      if (typeof message.id !== 'number') continue;
      if (state.lastSyncedId === null || message.id > state.lastSyncedId) state.lastSyncedId = message.id;
      const result = upsert(message);
      if (result === 'added' && message.direction === 'out') {
        othersAdded = true;
        if (message.senderName) stopAgentTyping(String(message.senderName));
      } else if (result === 'added') ownAdded = true;
    }
    if (state.lastSeenId === null) markSeen(true);
    layout();
    saveOutbox();
    if (stick || ownAdded) scrollToBottom(othersAdded);
    else if (othersAdded) ui.jump.hidden = false;
    updateUnread();
  }

  function upsert(message) {
    let entry = state.byId.get(message.id);
    if (!entry && message.clientMessageId) entry = state.byClientId.get(message.clientMessageId);
    if (entry) {
      confirm(entry, message);
      return 'updated';
    }
    entry = createEntry({
      id: message.id,
      clientMessageId: message.clientMessageId || null,
      direction: message.direction === 'out' ? 'out' : 'in',
      text: String(message.text || ''),
      senderName: message.senderName ? String(message.senderName) : null,
      createdAt: parseDate(message.createdAt),
      state: message.status || 'sent',
      file: fileOf(message.file),
    });
    place(entry);
    return 'added';
  }

  // A file on a message: its address must be this app's file path (with the ticket the hub signed for this visitor).
  function fileOf(file) {
    if (!file || typeof file.url !== 'string' || !file.url.startsWith('/chat/files/')) return null;
    return {
      url: file.url,
      name: String(file.name || 'file'),
      size: Number(file.size) || 0,
      isImage: file.isImage === true,
    };
  }

  function parseDate(value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? new Date() : date;
  }

  function confirm(entry, message) {
    if (entry.id === null || entry.id !== message.id) {
      const other = state.byId.get(message.id);
      if (other && other !== entry) removeEntry(other);
      entry.id = message.id;
      state.byId.set(entry.id, entry);
    }
    entry.createdAt = parseDate(message.createdAt);
    entry.offline = false;
    entry.error = null;
    setEntryState(entry, message.status || 'sent');
    place(entry);
  }

  function createEntry(data) {
    const entry = Object.assign({ offline: false, error: null, el: null, parts: null }, data);
    entry.el = buildEntryElement(entry);
    if (entry.id !== null) state.byId.set(entry.id, entry);
    if (entry.clientMessageId) state.byClientId.set(entry.clientMessageId, entry);
    renderEntry(entry);
    return entry;
  }

  function removeEntry(entry) {
    state.entries = state.entries.filter((e) => e !== entry);
    if (entry.id !== null && state.byId.get(entry.id) === entry) state.byId.delete(entry.id);
    if (entry.clientMessageId && state.byClientId.get(entry.clientMessageId) === entry) state.byClientId.delete(entry.clientMessageId);
    entry.el.remove();
  }

  // Confirmed messages in id order, then the unconfirmed ones in the order they were written.
  function place(entry) {
    const list = state.entries.filter((e) => e !== entry);
    let index = list.length;
    if (entry.id !== null) {
      index = list.findIndex((e) => e.id === null || e.id > entry.id);
      if (index < 0) index = list.length;
    }
    list.splice(index, 0, entry);
    state.entries = list;
    const next = list[index + 1];
    const anchor = next ? next.el : null;
    if (entry.el.parentNode !== ui.thread || entry.el.nextElementSibling !== anchor) ui.thread.insertBefore(entry.el, anchor);
  }

  function buildEntryElement(entry) {
    const own = entry.direction === 'in';
    const item = h('div', 'item ' + (own ? 'item-own' : 'item-team'));
    const day = h('div', 'day');
    day.setAttribute('role', 'separator');
    day.hidden = true;
    const dayLabel = h('span', 'day-label');
    day.append(dayLabel);
    const message = h('div', 'msg');
    const name = h('div', 'msg-name');
    name.setAttribute('aria-hidden', 'true');
    const bubble = h('div', 'bubble');
    const who = h('span', 'sr-only');
    const text = h('div', 'msg-text');
    appendLinkified(text, entry.text);
    text.hidden = !entry.text && Boolean(entry.file);
    bubble.append(who);
    if (entry.file) bubble.append(fileElement(entry.file));
    bubble.append(text);
    const meta = h('div', 'msg-meta');
    const time = h('time', 'msg-time');
    const status = h('span', 'msg-status');
    const retry = h('button', 'msg-retry', T.retry);
    retry.type = 'button';
    retry.hidden = true;
    retry.addEventListener('click', () => deliver(entry));
    meta.append(time, status, retry);
    const error = h('p', 'msg-error');
    error.hidden = true;
    message.append(name, bubble, meta, error);
    item.append(day, message);
    entry.parts = { day, dayLabel, name, who, time, status, retry, error };
    return item;
  }

  // A picture as a thumbnail that opens in a new tab; any other file as a download link with its name and size.
  function fileElement(file) {
    if (file.isImage) {
      const link = h('a', 'msg-image-link');
      link.href = file.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.setAttribute('aria-label', format(T.openImage, { name: file.name }));
      const image = h('img', 'msg-image');
      image.alt = file.name;
      image.decoding = 'async';
      // A picture that arrives while the newest line is in view keeps it in view once it has its height.
      image.addEventListener('load', () => {
        const fromBottom = ui.thread.scrollHeight - ui.thread.scrollTop - ui.thread.clientHeight;
        if (fromBottom <= image.clientHeight + 120) scrollToBottom(false);
      });
      image.src = file.url;
      link.append(image);
      return link;
    }
    const link = h('a', 'msg-file');
    link.href = file.url + '&download=true';
    link.setAttribute('download', file.name);
    const size = fileSize(file.size);
    link.setAttribute('aria-label', format(T.download, { name: file.name, size }));
    link.append(fileIcon(), h('span', 'msg-file-name', file.name), h('span', 'msg-file-size', size));
    return link;
  }

  function fileIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.classList.add('msg-file-icon');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M6 2a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6H6zm7 1.5L18.5 9H13V3.5zM12 19l-4-4h2.5v-4h3v4H16l-4 4z');
    svg.append(path);
    return svg;
  }

  function fileSize(bytes) {
    const [b, kb, mb] = T.units;
    if (bytes < 1024) return numberFormat.format(bytes) + ' ' + b;
    const oneDecimal = new Intl.NumberFormat(T.locale, { maximumFractionDigits: 1 });
    if (bytes < 1024 * 1024) return oneDecimal.format(bytes / 1024) + ' ' + kb;
    return oneDecimal.format(bytes / (1024 * 1024)) + ' ' + mb;
  }

  // Text nodes, plus <a> for http(s) links; never markup from the message.
  function appendLinkified(container, text) {
    const pattern = /\bhttps?:\/\/[^\s<>"']+/gi;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      let url = match[0];
      const trailing = /[.,;:!?)\]}]+$/.exec(url);
      if (trailing) url = url.slice(0, -trailing[0].length);
      let href = null;
      try {
        const parsed = new URL(url);
        if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
      } catch { /* not a URL: stays text */ }
      if (!href) continue;
      container.append(document.createTextNode(text.slice(last, match.index)));
      const link = h('a', null, url);
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer nofollow';
      container.append(link);
      last = match.index + url.length;
    }
    container.append(document.createTextNode(text.slice(last)));
  }

  function renderEntry(entry) {
    const p = entry.parts;
    const own = entry.direction === 'in';
    const sender = own ? T.you : entry.senderName || (state.info && state.info.businessName) || T.team;
    setText(p.who, sender + ': ');
    setText(p.name, own ? '' : sender);
    p.time.dateTime = entry.createdAt.toISOString();
    setText(p.time, timeFormat.format(entry.createdAt));
    if (own) {
      const labels = { pending: T.sending, sent: T.sent, delivered: T.delivered, read: T.read, failed: T.failed };
      setText(p.status, labels[entry.state] || T.sent);
      p.retry.hidden = entry.state !== 'failed' || entry.id !== null;
    } else {
      setText(p.status, '');
      p.retry.hidden = true;
    }
    p.error.hidden = !entry.error;
    setText(p.error, entry.error || '');
    entry.el.classList.toggle('is-pending', entry.state === 'pending');
    entry.el.classList.toggle('is-failed', entry.state === 'failed');
  }

  // A changed state (a reason below a failed message) must not push the newest line out of view.
  function setEntryState(entry, value) {
    const stick = entry.el.isConnected && isNearBottom();
    entry.state = value;
    renderEntry(entry);
    if (stick) scrollToBottom(false);
  }

  // Day separators, and the agent's name only where the sender changes.
  function layout() {
    let previous = null;
    const today = dayKey(new Date());
    const yesterdayDate = new Date();
    yesterdayDate.setDate(yesterdayDate.getDate() - 1);
    const yesterday = dayKey(yesterdayDate);
    for (const entry of state.entries) {
      const key = dayKey(entry.createdAt);
      const newDay = !previous || dayKey(previous.createdAt) !== key;
      entry.parts.day.hidden = !newDay;
      if (newDay) {
        let label;
        if (key === today) label = T.today;
        else if (key === yesterday) label = T.yesterday;
        else if (entry.createdAt.getFullYear() === new Date().getFullYear()) label = dayFormat.format(entry.createdAt);
        else label = dayYearFormat.format(entry.createdAt);
        setText(entry.parts.dayLabel, label);
      }
      const team = entry.direction === 'out';
      const sameSender = !newDay && previous && previous.direction === entry.direction
        && (!team || previous.senderName === entry.senderName);
      entry.el.classList.toggle('is-continued', Boolean(sameSender));
      entry.parts.name.hidden = !team || Boolean(sameSender);
      previous = entry;
    }
  }

  function dayKey(date) {
    return date.getFullYear() + '-' + date.getMonth() + '-' + date.getDate();
  }

  // ---- Sending ----------------------------------------------------------------------------------------

  function newClientMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    // randomUUID needs a secure context; plain-HTTP test installs get an equivalent random v4 id.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  function addLocal(text, clientMessageId, createdAt) {
    const entry = createEntry({
      id: null,
      clientMessageId: clientMessageId || newClientMessageId(),
      direction: 'in',
      text,
      senderName: null,
      createdAt: createdAt || new Date(),
      state: 'pending',
    });
    place(entry);
    layout();
    saveOutbox();
    scrollToBottom(false);
    return entry;
  }

  async function deliver(entry, retried) {
    if (entry.id !== null) return;
    entry.offline = false;
    entry.error = null;
    setEntryState(entry, 'pending');
    if (!connected() || !state.session) {
      markOffline(entry);
      return;
    }
    try {
      const message = await state.connection.invoke('SendMessage', entry.clientMessageId, entry.text);
      if (message && typeof message.id === 'number') {
        confirm(entry, message);
        layout();
      }
    } catch (error) {
      const code = errorCode(error);
      if (code === 'session_invalid' && !retried && connected()) {
        // The connection lost its session (e.g. a server restart): resume, then try once more.
        await recoverSession();
        if (state.session && entry.el.isConnected) await deliver(entry, true);
        return;
      }
      entry.rateLimited = code === 'rate_limited';
      if (code) markFailed(entry, T.errors[code]);
      if (entry.rateLimited) scheduleRateLimitRetry();
      else if (!connected()) markOffline(entry);
      else markFailed(entry, T.generic);
    } finally {
      saveOutbox();
    }
  }

  // The hub's limit is a sliding window of a few seconds: send the refused messages again by themselves, in
  // their order, a few times and a bit later each time (the Retry buttons work meanwhile).
  let rateRetryTimer = 0;
  let rateRetryRound = 0;
  function scheduleRateLimitRetry() {
    if (rateRetryTimer || rateRetryRound >= RATE_LIMIT_RETRY_DELAYS.length) return;
    rateRetryTimer = window.setTimeout(async () => {
      rateRetryRound++;
      for (const entry of state.entries.slice()) {
        if (entry.id !== null || !entry.rateLimited || entry.state !== 'failed') continue;
        await deliver(entry);
        if (entry.id === null) break; // refused again: the next round is scheduled
      }
      rateRetryTimer = 0;
      const refused = state.entries.some((entry) => entry.rateLimited && entry.id === null && entry.state === 'failed');
      if (refused && rateRetryRound < RATE_LIMIT_RETRY_DELAYS.length) scheduleRateLimitRetry();
      else rateRetryRound = 0;
    }, RATE_LIMIT_RETRY_DELAYS[rateRetryRound]);
  }

  function markOffline(entry) {
    entry.offline = true;
    entry.error = T.offlineQueued;
    setEntryState(entry, 'failed');
  }

  function markFailed(entry, reason) {
    entry.offline = false;
    entry.error = reason;
    setEntryState(entry, 'failed');
    announce(format(T.notSent, { reason }));
  }

  async function retryOffline() {
    for (const entry of state.entries.slice()) {
      if (entry.id === null && entry.offline && connected()) await deliver(entry);
    }
  }

  // Unsent messages survive a reload: they are kept in storage until the server has them.
  function readOutbox() {
    try {
      const items = JSON.parse(store.get(outboxKey) || '[]');
      return Array.isArray(items) ? items.filter((item) => item && typeof item.text === 'string' && typeof item.id === 'string') : [];
    } catch {
      return [];
    }
  }

  function saveOutbox() {
    if (!state.session || !state.outboxRestored) return;
    const items = state.entries.filter((entry) => entry.id === null)
      .map((entry) => ({ id: entry.clientMessageId, text: entry.text, at: entry.createdAt.toISOString() }));
    if (items.length > 0) store.set(outboxKey, JSON.stringify(items));
    else store.remove(outboxKey);
  }

  // Before the first sync: messages the server already has are then matched by their clientMessageId.
  function restoreOutbox() {
    if (state.outboxRestored) return;
    state.outboxRestored = true;
    for (const item of readOutbox()) {
      if (state.byClientId.has(item.id)) continue;
      const entry = addLocal(item.text, item.id, parseDate(item.at));
      entry.offline = true;
    }
  }

  // ---- Composer -------------------------------------------------------------------------------------------

  function submitComposer() {
    const text = ui.input.value.trim();
    if (!text) {
      ui.input.focus();
      return;
    }
    if (text.length > MAX_MESSAGE) {
      updateCounter();
      ui.input.focus();
      return;
    }
    if (!state.session) return;
    ui.input.value = '';
    store.remove(draftKey);
    resizeInput();
    updateCounter();
    stopTyping();
    deliver(addLocal(text));
  }

  function updateCounter() {
    const length = ui.input.value.trim().length;
    const over = length > MAX_MESSAGE;
    ui.counter.hidden = length < COUNTER_FROM;
    ui.counter.classList.toggle('is-over', over);
    setText(ui.counter, format(T.counter, { count: numberFormat.format(length), max: numberFormat.format(MAX_MESSAGE) }));
    ui.composerError.hidden = !over;
    setText(ui.composerError, over ? format(T.tooLong, { count: numberFormat.format(length), max: numberFormat.format(MAX_MESSAGE) }) : '');
    ui.input.setAttribute('aria-invalid', over ? 'true' : 'false');
  }

  function resizeInput() {
    const input = ui.input;
    input.style.height = 'auto';
    const borders = input.offsetHeight - input.clientHeight;
    input.style.height = Math.min(input.scrollHeight + borders, 160) + 'px';
  }

  let draftTimer = 0;
  function saveDraftSoon() {
    window.clearTimeout(draftTimer);
    draftTimer = window.setTimeout(() => {
      if (ui.input.value.trim()) store.set(draftKey, ui.input.value);
      else store.remove(draftKey);
    }, 400);
  }

  function typingActivity() {
    if (!state.session || !connected()) return;
    if (!ui.input.value.trim()) {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (now - state.typingSentAt >= TYPING_EVERY) {
      state.typingSentAt = now;
      state.typingOn = true;
      hubSend('Typing', true);
    }
    window.clearTimeout(state.typingIdleTimer);
    state.typingIdleTimer = window.setTimeout(stopTyping, TYPING_IDLE);
  }

  function stopTyping() {
    window.clearTimeout(state.typingIdleTimer);
    if (!state.typingOn) return;
    state.typingOn = false;
    state.typingSentAt = 0;
    hubSend('Typing', false);
  }

  function hubSend(method, ...args) {
    if (!connected()) return;
    state.connection.send(method, ...args).catch(() => { /* best effort */ });
  }

  function agentTyping(name, isTyping) {
    const who = String(name || '').trim() || (state.info && state.info.businessName) || T.team;
    window.clearTimeout(state.agentsTyping.get(who));
    if (isTyping) state.agentsTyping.set(who, window.setTimeout(() => stopAgentTyping(who), AGENT_TYPING_TIMEOUT));
    else state.agentsTyping.delete(who);
    renderTyping();
  }

  function stopAgentTyping(name) {
    if (!state.agentsTyping.has(name)) return;
    window.clearTimeout(state.agentsTyping.get(name));
    state.agentsTyping.delete(name);
    renderTyping();
  }

  function clearAgentsTyping() {
    for (const timer of state.agentsTyping.values()) window.clearTimeout(timer);
    state.agentsTyping.clear();
    renderTyping();
  }

  function renderTyping() {
    const names = Array.from(state.agentsTyping.keys());
    const stick = isNearBottom();
    ui.typing.hidden = names.length === 0;
    if (names.length === 1) setText(ui.typingText, format(T.typingOne, { name: names[0] }));
    else if (names.length > 1) {
      const list = names.slice(0, -1).join(', ') + T.and + names[names.length - 1];
      setText(ui.typingText, format(T.typingMany, { names: list }));
    }
    if (stick) scrollToBottom(false);
  }

  // ---- Scrolling ----------------------------------------------------------------------------------------

  function isNearBottom() {
    const t = ui.thread;
    return t.scrollHeight - t.scrollTop - t.clientHeight < 80;
  }

  function scrollToBottom(smooth) {
    ui.jump.hidden = true;
    const behavior = smooth && !reducedMotion.matches ? 'smooth' : 'auto';
    window.requestAnimationFrame(() => ui.thread.scrollTo({ top: ui.thread.scrollHeight, behavior }));
  }

  // ---- Unread count -----------------------------------------------------------------------------------

  function isViewing() {
    return !document.hidden && state.panelOpen && state.view === 'thread';
  }

  function maxTeamId() {
    let max = 0;
    for (const entry of state.entries) {
      if (entry.direction === 'out' && entry.id !== null && entry.id > max) max = entry.id;
    }
    return max;
  }

  function markSeen(force) {
    const max = maxTeamId();
    if (force || state.lastSeenId === null || max > state.lastSeenId) {
      state.lastSeenId = Math.max(max, state.lastSeenId || 0);
      if (state.session) store.set(seenKey, String(state.lastSeenId));
    }
    reportRead();
  }

  // Tells the team how far the customer has read (their replies then show as read); only while on screen.
  function reportRead() {
    const upTo = state.lastSeenId || 0;
    if (!state.session || !isViewing() || upTo <= (state.reportedReadId || 0)) return;
    if (!state.connection || state.connection.state !== 'Connected') return;
    state.reportedReadId = upTo;
    state.connection.invoke('MarkSeen', upTo).catch(() => { state.reportedReadId = 0; });
  }

  function updateUnread() {
    let count = 0;
    if (state.session && state.lastSeenId !== null) {
      if (isViewing()) markSeen(false);
      else count = state.entries.filter((e) => e.direction === 'out' && e.id !== null && e.id > state.lastSeenId).length;
    }
    if (count === state.unread) return;
    state.unread = count;
    postToParent({ type: 'bizinbox:unread', count });
    if (!embedded) {
      const base = document.title.replace(/^\(\d+\) /, '');
      document.title = count > 0 ? '(' + count + ') ' + base : base;
    }
  }

  // ---- Views --------------------------------------------------------------------------------------------

  // Final: no reconnecting, no retries; the connection is not needed any more.
  function showError(text, reload) {
    state.fatal = true;
    window.clearTimeout(retryTimer);
    if (state.connection) state.connection.stop().catch(() => { /* already closed */ });
    setText(ui.errorText, text);
    ui.errorButton.hidden = !reload;
    showView('error');
  }

  function showStart(focus) {
    showView('start');
    if (focus) ui.fields.name.focus();
  }

  function showThread(focus) {
    showView('thread');
    if (focus) ui.input.focus({ preventScroll: true });
    scrollToBottom(false);
  }

  function focusCurrentView() {
    if (coarsePointer) return; // no on-screen keyboard popping up by itself
    if (state.view === 'thread') ui.input.focus({ preventScroll: true });
    else if (state.view === 'start') {
      const firstEmpty = [ui.fields.name, ui.fields.message].find((field) => !field.value.trim());
      (firstEmpty || ui.startSubmit).focus();
    }
  }

  // ---- Start form ---------------------------------------------------------------------------------------

  function fieldError(field, text) {
    const error = byId(field.id + '-error');
    setText(error, text || '');
    error.hidden = !text;
    if (text) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  function setStartBusy(busy) {
    ui.startSubmit.disabled = busy;
    ui.startForm.setAttribute('aria-busy', busy ? 'true' : 'false');
    setText(ui.startSubmit, busy ? T.starting : T.start);
  }

  async function onStartSubmit(event) {
    event.preventDefault();
    if (ui.startSubmit.disabled) return;
    const f = ui.fields;
    const values = {
      name: f.name.value.trim(),
      email: f.email.value.trim(),
      phone: f.phone.value.trim(),
      message: f.message.value.trim(),
    };
    for (const field of Object.values(f)) fieldError(field, '');
    ui.startError.hidden = true;

    const problems = [];
    if (!values.name) problems.push([f.name, T.errors.name_required]);
    else if (values.name.length > MAX_NAME) problems.push([f.name, T.errors.name_too_long]);
    if (values.email && !EMAIL_PATTERN.test(values.email)) problems.push([f.email, T.errors.email_invalid]);
    if (values.phone && !validPhone(values.phone)) problems.push([f.phone, T.errors.phone_invalid]);
    if (!values.message) problems.push([f.message, T.messageRequired]);
    else if (values.message.length > MAX_MESSAGE) {
      problems.push([f.message, format(T.tooLong, { count: numberFormat.format(values.message.length), max: numberFormat.format(MAX_MESSAGE) })]);
    }
    if (problems.length > 0) {
      for (const [field, text] of problems) fieldError(field, text);
      problems[0][0].focus();
      return;
    }
    if (!connected()) {
      startFormError(T.notConnected);
      return;
    }

    setStartBusy(true);
    let session;
    try {
      session = await state.connection.invoke('StartSession', inboxKey, values.name, values.email || null, values.phone || null);
    } catch (error) {
      setStartBusy(false);
      const code = errorCode(error);
      if (code === 'name_required' || code === 'name_too_long') {
        fieldError(f.name, T.errors[code]);
        f.name.focus();
      } else if (code === 'email_invalid') {
        fieldError(f.email, T.errors[code]);
        f.email.focus();
      } else if (code === 'phone_invalid') {
        fieldError(f.phone, T.errors[code]);
        f.phone.focus();
      } else startFormError(code ? T.errors[code] : connected() ? T.generic : T.notConnected);
      return;
    }
    setStartBusy(false);
    setSession(session, session && session.token);
    state.lastSyncedId = null;
    state.outboxRestored = true;
    markSeen(true);
    ui.startForm.reset();
    ui.startNotice.hidden = true;
    showThread(true);
    const first = addLocal(values.message);
    await deliver(first);
    await sync();
  }

  // A first check only: the hub reads the number with libphonenumber and may still refuse it (phone_invalid).
  function validPhone(phone) {
    return phone.length <= MAX_PHONE && (phone.match(/[0-9]/g) || []).length >= 5 && /^[0-9+\-()/ ]+$/.test(phone);
  }

  function startFormError(text) {
    setText(ui.startError, text);
    ui.startError.hidden = false;
  }

  // ---- Wiring -------------------------------------------------------------------------------------------

  function wire() {
    ui.startForm.addEventListener('submit', onStartSubmit);
    ui.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      submitComposer();
    });
    ui.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submitComposer();
      }
    });
    ui.input.addEventListener('input', () => {
      resizeInput();
      updateCounter();
      typingActivity();
      saveDraftSoon();
    });
    // Keep the on-screen keyboard open when the send button is tapped.
    ui.send.addEventListener('pointerdown', (event) => {
      if (document.activeElement === ui.input) event.preventDefault();
    });
    ui.thread.addEventListener('scroll', () => {
      if (isNearBottom()) ui.jump.hidden = true;
    }, { passive: true });
    ui.jump.addEventListener('click', () => scrollToBottom(true));
    ui.bannerButton.addEventListener('click', () => connect());
    ui.offlineButton.addEventListener('click', () => connect());
    ui.errorButton.addEventListener('click', () => window.location.reload());
    ui.close.addEventListener('click', () => postToParent({ type: 'bizinbox:close' }));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && embedded && inFrame && !event.defaultPrevented) postToParent({ type: 'bizinbox:close' });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        if (state.conn === 'disconnected') connect();
        else sync();
      } else stopTyping();
      updateUnread();
    });
    window.addEventListener('online', () => {
      if (state.conn === 'disconnected') connect();
    });
    window.addEventListener('message', (event) => {
      if (!inFrame || event.source !== window.parent) return;
      const data = event.data;
      if (!data || typeof data !== 'object' || data.type !== 'bizinbox:panel') return;
      state.panelOpen = Boolean(data.open);
      if (state.panelOpen) {
        if (state.view === 'thread' && isNearBottom()) scrollToBottom(false);
        focusCurrentView();
        if (state.conn === 'disconnected') connect();
      } else stopTyping();
      updateUnread();
    });
  }

  function main() {
    ui.app.classList.toggle('is-embedded', embedded);
    applyStaticTexts();
    applyBrandColor();
    ui.close.hidden = !(embedded && inFrame);
    postToParent({ type: 'bizinbox:ready' });
    if (!inboxKey) {
      showError(T.missingInbox, false);
      return;
    }
    if (!window.signalR) {
      showError(T.loadFailed, true);
      return;
    }
    const draft = store.get(draftKey);
    if (draft) ui.input.value = draft;
    wire();
    updateCounter();
    setText(ui.loadingText, T.loading);
    state.connection = createConnection();
    connect();
  }

  main();
})();
