/*
 * BizInbox chat widget: the loader a business pastes into its website.
 *
 *   <script src="https://inbox.example.com/widget.js" data-inbox="INBOX_KEY" async></script>
 *   optional: data-lang="de|en"  data-position="right|left"  data-color="#1f4fd1"
 *
 * It adds a round chat button; a click opens {BizInbox origin}/chat?inbox=KEY&embed=1&lang=.. in an iframe
 * panel (370 x 560, full screen on narrow screens). Everything lives in a shadow root, so the site's CSS
 * cannot reach it, and its styles come as a constructed style sheet, which a site's CSP does not block.
 * Messages from the iframe are accepted only from the BizInbox origin: bizinbox:ready, bizinbox:unread
 * {count} (badge while closed), bizinbox:session {active} and bizinbox:close. After a visitor has started a
 * chat, later page views load the iframe hidden, so that replies show up as a badge.
 * window.BizInboxWidget.open() / .close() / .toggle() let the site open the chat from its own links.
 */
(() => {
  'use strict';

  if (window.BizInboxWidget) return;
  const script = document.currentScript || document.querySelector('script[data-inbox][src*="widget.js"]');
  const inbox = script && (script.getAttribute('data-inbox') || '').trim();
  if (!inbox) {
    console.warn('BizInbox widget: the script tag needs data-inbox="..."');
    return;
  }

  const TEXTS = {
    de: { open: 'Chat öffnen', close: 'Chat schließen', one: '1 neue Nachricht', many: '{n} neue Nachrichten', title: 'Chat' },
    en: { open: 'Open chat', close: 'Close chat', one: '1 new message', many: '{n} new messages', title: 'Chat' },
  };
  const ICON_CHAT = 'M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3L4.4 21.6c-.1.4.3.7.7.5l4.3-2c.8.2 1.7.3 2.6.3 5.5 0 10-3.9 10-8.7S17.5 3 12 3z';
  const ICON_CLOSE = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';

  const origin = new URL(script.src, location.href).origin;
  const langAttribute = (script.getAttribute('data-lang') || '').toLowerCase();
  const lang = langAttribute === 'de' || langAttribute === 'en'
    ? langAttribute
    : /^de\b/i.test(document.documentElement.lang || navigator.language || '') ? 'de' : 'en';
  const T = TEXTS[lang];
  const left = (script.getAttribute('data-position') || '').toLowerCase() === 'left';
  const colorAttribute = (script.getAttribute('data-color') || '').trim();
  const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(colorAttribute) ? colorAttribute : '#1f4fd1';
  const sessionFlag = 'bizinbox-widget:' + inbox;

  const CSS = `
    :host { all: initial !important; }
    * { box-sizing: border-box; }
    .launcher {
      position: fixed; z-index: 2147483000; bottom: calc(20px + env(safe-area-inset-bottom, 0px)); ${left ? 'left' : 'right'}: 20px;
      display: grid; place-items: center; width: 60px; height: 60px; margin: 0; padding: 0;
      border: 0; border-radius: 50%; cursor: pointer;
      background: var(--bizinbox-color); color: var(--bizinbox-on-color);
      box-shadow: 0 0 0 2px rgba(255, 255, 255, .85), 0 6px 20px rgba(0, 0, 0, .28);
      transition: transform .15s ease;
    }
    .launcher:hover { transform: scale(1.06); }
    .launcher:focus { outline: none; }
    .launcher:focus-visible { box-shadow: 0 0 0 3px #fff, 0 0 0 6px #111, 0 6px 20px rgba(0, 0, 0, .28); }
    .launcher svg { width: 30px; height: 30px; fill: currentColor; }
    .launcher .icon-close { display: none; width: 26px; height: 26px; }
    .open .launcher .icon-chat { display: none; }
    .open .launcher .icon-close { display: block; }
    .badge {
      position: absolute; top: -4px; ${left ? 'right' : 'left'}: -4px; min-width: 22px; height: 22px; padding: 0 6px;
      border-radius: 11px; background: #c4320a; color: #fff; box-shadow: 0 0 0 2px #fff;
      font: 700 12px/22px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-align: center;
    }
    .badge[hidden], .open .badge { display: none; }
    .panel {
      position: fixed; z-index: 2147483001; bottom: calc(92px + env(safe-area-inset-bottom, 0px)); ${left ? 'left' : 'right'}: 20px;
      width: 370px; height: 560px; max-height: calc(100vh - 112px); max-height: calc(100dvh - 112px);
      overflow: hidden; border-radius: 16px; background: #fff;
      box-shadow: 0 12px 48px rgba(0, 0, 0, .28), 0 0 0 1px rgba(0, 0, 0, .06);
      visibility: hidden; opacity: 0; transform: translateY(12px) scale(.98); transform-origin: bottom ${left ? 'left' : 'right'};
      transition: opacity .18s ease, transform .18s ease, visibility 0s linear .18s;
    }
    .open .panel { visibility: visible; opacity: 1; transform: none; transition: opacity .18s ease, transform .18s ease, visibility 0s; }
    iframe { display: block; width: 100%; height: 100%; border: 0; background: transparent; }
    .waiting { position: absolute; inset: 0; display: grid; place-items: center; background: #fff; }
    .waiting::after {
      content: ""; width: 32px; height: 32px; border-radius: 50%;
      border: 3px solid #dde2e8; border-top-color: var(--bizinbox-color); animation: bizinbox-spin .8s linear infinite;
    }
    .fallback-close {
      position: absolute; top: 10px; right: 10px; display: grid; place-items: center; width: 44px; height: 44px; padding: 0;
      border: 0; border-radius: 50%; background: #fff; color: #16191d; cursor: pointer; box-shadow: 0 1px 4px rgba(0, 0, 0, .25);
    }
    .fallback-close svg { width: 22px; height: 22px; fill: currentColor; }
    .fallback-close:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .ready .waiting, .ready .fallback-close { display: none; }
    @keyframes bizinbox-spin { to { transform: rotate(360deg); } }
    @media (max-width: 480px), (max-height: 560px) {
      .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; transform: translateY(24px); }
      .open .launcher { visibility: hidden; }
    }
    @media (prefers-reduced-motion: reduce) {
      .launcher, .panel, .open .panel { transition: none; }
      .launcher:hover { transform: none; }
      .waiting::after { animation: none; }
    }
    @media (forced-colors: active) { .launcher, .badge, .fallback-close { border: 2px solid ButtonText; } }
  `;

  let root;
  let launcher;
  let badge;
  let panel;
  let iframe = null;
  let isOpen = false;
  let ready = false;
  let unread = 0;
  let savedOverflow = null;
  const narrow = window.matchMedia('(max-width: 480px), (max-height: 560px)');

  function svg(path, className) {
    const element = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    element.setAttribute('viewBox', '0 0 24 24');
    element.setAttribute('aria-hidden', 'true');
    element.setAttribute('focusable', 'false');
    element.setAttribute('class', className);
    const shape = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    shape.setAttribute('d', path);
    element.appendChild(shape);
    return element;
  }

  // Black or white on the launcher's colour, whichever contrasts more (WCAG relative luminance).
  function textColorOn(hex) {
    let value = hex.slice(1);
    if (value.length === 3) value = value.replace(/./g, '$&$&');
    const channel = (i) => {
      const c = parseInt(value.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#111418' : '#ffffff';
  }

  function addStyles(shadow) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = CSS;
      shadow.appendChild(style);
    }
  }

  function build() {
    const host = document.createElement('bizinbox-widget');
    host.style.setProperty('--bizinbox-color', color);
    host.style.setProperty('--bizinbox-on-color', textColorOn(color));
    const shadow = host.attachShadow({ mode: 'closed' });
    addStyles(shadow);

    root = document.createElement('div');
    root.className = 'root';

    panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'bizinbox-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', T.title);

    launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'bizinbox-panel');
    launcher.appendChild(svg(ICON_CHAT, 'icon-chat'));
    launcher.appendChild(svg(ICON_CLOSE, 'icon-close'));
    badge = document.createElement('span');
    badge.className = 'badge';
    badge.setAttribute('aria-hidden', 'true');
    badge.hidden = true;
    launcher.appendChild(badge);
    launcher.addEventListener('click', toggle);

    root.appendChild(panel);
    root.appendChild(launcher);
    shadow.appendChild(root);
    shadow.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && isOpen) close();
    });
    (document.body || document.documentElement).appendChild(host);
    updateLabel();
  }

  function ensureFrame() {
    if (iframe) return;
    const url = new URL('/chat', origin);
    url.searchParams.set('inbox', inbox);
    url.searchParams.set('embed', '1');
    url.searchParams.set('lang', lang);
    if (colorAttribute && color === colorAttribute) url.searchParams.set('color', color);

    const waiting = document.createElement('div');
    waiting.className = 'waiting';
    const fallbackClose = document.createElement('button');
    fallbackClose.type = 'button';
    fallbackClose.className = 'fallback-close';
    fallbackClose.setAttribute('aria-label', T.close);
    fallbackClose.appendChild(svg(ICON_CLOSE, 'icon'));
    fallbackClose.addEventListener('click', close);

    iframe = document.createElement('iframe');
    iframe.title = T.title;
    iframe.src = url.href;
    panel.appendChild(iframe);
    panel.appendChild(waiting);
    panel.appendChild(fallbackClose); // until the chat page is up and shows its own close button
  }

  function tellFrame() {
    if (iframe && ready && iframe.contentWindow) iframe.contentWindow.postMessage({ type: 'bizinbox:panel', open: isOpen }, origin);
  }

  function open() {
    if (isOpen) return;
    ensureFrame();
    isOpen = true;
    root.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    if (narrow.matches) {
      savedOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
    }
    updateLabel();
    tellFrame();
    iframe.focus();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    root.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    if (savedOverflow !== null) {
      document.documentElement.style.overflow = savedOverflow;
      savedOverflow = null;
    }
    updateLabel();
    tellFrame();
    launcher.focus();
  }

  function toggle() {
    if (isOpen) close();
    else open();
  }

  function updateLabel() {
    let label = isOpen ? T.close : T.open;
    if (!isOpen && unread > 0) label += ' (' + (unread === 1 ? T.one : T.many.replace('{n}', String(unread))) + ')';
    launcher.setAttribute('aria-label', label);
    badge.hidden = isOpen || unread <= 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
  }

  function remember(active) {
    try {
      if (active) window.localStorage.setItem(sessionFlag, '1');
      else window.localStorage.removeItem(sessionFlag);
    } catch { /* storage blocked: no preloading, nothing else changes */ }
  }

  function hasSession() {
    try {
      return window.localStorage.getItem(sessionFlag) === '1';
    } catch {
      return false;
    }
  }

  window.addEventListener('message', (event) => {
    if (event.origin !== origin || !iframe || event.source !== iframe.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'bizinbox:ready') {
      ready = true;
      panel.classList.add('ready');
      tellFrame();
    } else if (data.type === 'bizinbox:unread') {
      const count = Number(data.count);
      unread = Number.isInteger(count) && count > 0 ? Math.min(count, 999) : 0;
      updateLabel();
    } else if (data.type === 'bizinbox:session') {
      remember(Boolean(data.active));
    } else if (data.type === 'bizinbox:close') {
      close();
    }
  });

  function start() {
    build();
    // A returning visitor with a chat: load it hidden, so that the team's replies show as a badge.
    if (hasSession()) {
      const idle = window.requestIdleCallback || ((callback) => window.setTimeout(callback, 1500));
      idle(() => ensureFrame());
    }
  }

  window.BizInboxWidget = { open, close, toggle };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
