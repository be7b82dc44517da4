/* Express consent manager: banner, privacy center, activation and withdrawal. First-party, no dependencies.
   Reads the configuration generated from input/_data/privacy.yml (data-config on this script). Gated elements
   carry data-consent-vendor and data-consent-category (see the README); they come to life only after consent.
   The choice is stored in the declared consent cookie: {id, ts, rev, c: {category: true|false}}. */
(() => {
  'use strict';
  const d = document;
  const configUrl = d.currentScript.dataset.config;
  const banner = d.querySelector('[data-consent-banner]');
  const center = d.querySelector('[data-consent-center]');
  const gpc = navigator.globalPrivacyControl === true;
  let config = null;
  let stored = null; // the choice in the cookie, even when outdated
  let choice = null; // the choice in force: stored, for this revision and not expired
  const active = new Set(); // categories whose elements run on this page

  const category = id => config.categories.find(c => c.id === id);
  const refused = c => gpc && c.refusedByGpc;
  const granted = (id, from = choice) => {
    const c = category(id);
    return !!c && (c.necessary || (!!from && from.c[id] === true && !refused(c)));
  };
  const matcher = name => new RegExp('^' + name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');

  function read() {
    const prefix = config.cookie.name + '=';
    const raw = d.cookie.split('; ').find(c => c.startsWith(prefix));
    try {
      const value = raw && JSON.parse(decodeURIComponent(raw.slice(prefix.length)));
      return value && typeof value.c === 'object' && typeof value.ts === 'number' ? value : null;
    } catch (e) {
      return null;
    }
  }

  const current = v => !!v && v.rev === config.revision && Date.now() - v.ts < config.validFor * 1000;

  function store(wanted) {
    const c = {};
    for (const cat of config.categories) if (!cat.necessary) c[cat.id] = wanted[cat.id] === true && !refused(cat);
    const id = stored && stored.id || Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
    const withdrawn = stored ? Object.keys(stored.c).filter(k => stored.c[k] && !c[k]) : [];
    stored = choice = { id, ts: Date.now(), rev: config.revision, c };
    d.cookie = config.cookie.name + '=' + encodeURIComponent(JSON.stringify(choice)) + '; path=/; max-age=' + config.cookie.maxAge +
      '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
    showBanner(false);
    if (center.open) center.close();
    if (withdrawn.length) {
      erase(withdrawn);
      // A tag that already runs keeps running until the page is gone.
      if (withdrawn.some(k => active.has(k))) return location.reload();
    }
    activate();
  }

  /* Deletes the first-party cookies and storage keys of the withdrawn categories' vendors: on this host and its
     parent domains, on every path from / to this page. */
  function erase(categories) {
    const host = location.hostname;
    const domains = [''];
    if (!/^[\d.]+$|:/.test(host)) for (let p = host.split('.'); p.length > 1; p = p.slice(1)) domains.push('; domain=.' + p.join('.'));
    const paths = ['/'];
    location.pathname.split('/').filter(Boolean).reduce((path, part) => (paths.push(path + '/' + part), path + '/' + part), '');
    const names = d.cookie.split('; ').map(c => c.split('=')[0]).filter(Boolean);
    for (const vendor of config.vendors.filter(v => categories.includes(v.category))) {
      for (const cookie of vendor.cookies.filter(k => k.party === 'first')) {
        const re = matcher(cookie.name);
        for (const name of names.filter(n => re.test(n)))
          for (const domain of domains) for (const path of paths) d.cookie = name + '=; max-age=0; path=' + path + domain;
      }
      for (const key of vendor.storage) {
        const re = matcher(key.name);
        for (const storage of [localStorage, sessionStorage]) Object.keys(storage).filter(k => re.test(k)).forEach(k => storage.removeItem(k));
      }
    }
  }

  /* Brings the consented gated elements to life, in document order. Scripts are replaced by new ones (a script
     element runs once), external ones in order unless they were async. */
  function activate() {
    for (const el of d.querySelectorAll('[data-consent-vendor]')) {
      const cat = el.dataset.consentCategory;
      if (!granted(cat) || el.dataset.consentActive) continue;
      active.add(cat);
      if (el.localName === 'script') {
        const script = d.createElement('script');
        for (const a of el.attributes) if (!/^(type|data-src|data-async|data-defer|data-type)$/.test(a.name)) script.setAttribute(a.name, a.value);
        if (el.dataset.type) script.type = el.dataset.type;
        if (el.dataset.src) {
          script.async = el.dataset.async === 'true';
          script.src = el.dataset.src;
        } else {
          script.text = el.text;
        }
        script.dataset.consentActive = 'true';
        el.replaceWith(script);
        continue;
      }
      for (const name of ['src', 'srcset', 'href', 'poster', 'data']) {
        const value = el.getAttribute('data-' + name);
        if (value === null) continue;
        el.setAttribute(name, value);
        el.removeAttribute('data-' + name);
      }
      if (el.dataset.style) el.style.cssText += ';' + el.dataset.style; // CSSOM: allowed by the CSP, unlike style="…"
      const placeholder = el.previousElementSibling;
      if (placeholder && placeholder.dataset.consentPlaceholder === el.dataset.consentVendor) {
        placeholder.remove();
        el.hidden = false;
      }
      if (el.localName === 'source' && el.parentElement.load) el.parentElement.load();
      el.dataset.consentActive = 'true';
    }
  }

  function showBanner(show, changed) {
    banner.hidden = !show;
    banner.querySelector('[data-consent-notice="changed"]').hidden = !changed;
    // Keep the page's end and focused elements out from under the banner; it floats, so nothing moves. The room
    // goes below <body>: padding in it (100vh, footer at its end) would lift a short page's footer.
    const height = show ? banner.offsetHeight + 'px' : '';
    d.documentElement.style.paddingBottom = height;
    d.documentElement.style.scrollPaddingBottom = height;
  }

  /* The center's content is an asset of its own (the same for every page), loaded on first use. */
  let centerContent = null;
  const loadCenter = () => centerContent || (centerContent = fetch(center.dataset.consentContent)
    .then(response => response.text())
    .then(html => center.replaceChildren(...new DOMParser().parseFromString(html, 'text/html').body.childNodes)));

  async function openCenter() {
    await loadCenter();
    for (const input of center.querySelectorAll('input[data-consent-category]')) {
      const cat = category(input.dataset.consentCategory);
      input.disabled = refused(cat);
      input.checked = !input.disabled && granted(cat.id, stored);
    }
    center.querySelector('[data-consent-notice="gpc"]').hidden = !gpc;
    if (!center.open) center.showModal();
  }

  const all = value => Object.fromEntries(config.categories.map(c => [c.id, value]));

  d.addEventListener('click', e => {
    const el = e.target.closest('[data-consent-action]');
    if (!el || !config) return;
    const action = el.dataset.consentAction;
    if (action === 'open' || action === 'settings') {
      e.preventDefault();
      openCenter();
    } else if (action === 'close') {
      center.close();
    } else if (action === 'accept-all' || action === 'reject-all') {
      store(all(action === 'accept-all'));
    } else if (action === 'save') {
      store(Object.fromEntries(Array.from(center.querySelectorAll('input[data-consent-category]'), i => [i.dataset.consentCategory, i.checked])));
    } else if (action === 'allow-category' && refused(category(el.dataset.consentCategory))) {
      openCenter(); // says why Global Privacy Control keeps this off
    } else if (action === 'allow-category') {
      store(Object.assign({}, choice ? choice.c : {}, { [el.dataset.consentCategory]: true }));
    }
  });

  fetch(configUrl)
    .then(response => response.json())
    .then(loaded => {
      config = loaded;
      d.documentElement.setAttribute('data-consent', 'ready'); // for styles and tests: the choices work from now on
      stored = read();
      choice = current(stored) ? stored : null;
      // A refused vendor's tag may have rewritten its cookies as the last page went away (pagehide): erase them on every load.
      erase(config.categories.filter(c => !granted(c.id)).map(c => c.id));
      if (choice) activate();
      else showBanner(true, !!stored && stored.rev !== config.revision);
    });
})();
