// Stand-in for Meta's fbevents.js: runs the fbq queue, sets _fbp for 90 days, sends the PageView pixel.
(function () {
  var fbq = window.fbq, pixel = null;
  function run(args) {
    if (args[0] === 'init') pixel = args[1];
    if (args[0] === 'track' && pixel) {
      document.cookie = '_fbp=fb.1.1700000000000.1234567890; path=/; max-age=7776000';
      new Image().src = 'https://www.facebook.com/tr?id=' + pixel + '&ev=' + args[1];
    }
  }
  (fbq.queue || []).forEach(run);
  fbq.callMethod = function () { run(arguments); };
})();

