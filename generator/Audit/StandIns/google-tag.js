// Stand-in for Google's gtag.js: honours Consent Mode (cookies only with analytics_storage granted), sets _ga and
// _ga_<id> for two years (or the configured cookie_expires), again on pagehide, sends a page_view beacon.
(function () {
  var dl = window.dataLayer = window.dataLayer || [];
  var consent = { analytics_storage: 'granted' }, ids = [], expires = 63072000;
  function handle(args) {
    if (args[0] === 'consent') Object.assign(consent, args[2]);
    if (args[0] === 'config') { ids.push(args[1]); if (args[2] && args[2].cookie_expires) expires = args[2].cookie_expires; }
  }
  function store(id) {
    if (consent.analytics_storage !== 'granted') return;
    document.cookie = '_ga=GA1.1.1234567890.1700000000; path=/; max-age=' + expires;
    document.cookie = '_ga_' + id.replace(/^G-/, '') + '=GS1.1.1700000000.1.0.1700000000.0.0.0; path=/; max-age=' + expires;
  }
  function send() {
    ids.forEach(function (id) {
      store(id);
      navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=page_view&gcs=' + (consent.analytics_storage === 'granted' ? 'G111' : 'G100'));
    });
  }
  // Like the real tag, it writes its cookies again as the page goes away (engagement time, session state).
  window.addEventListener('pagehide', function () { ids.forEach(store); });
  for (var i = 0; i < dl.length; i++) handle(dl[i]);
  var push = dl.push.bind(dl);
  dl.push = function (args) { handle(args); var r = push(args); send(); return r; };
  send();
})();

