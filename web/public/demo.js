// Loads the widget on the demo shop page exactly as a customer's site would,
// with the channel taken from ?channel= (or the koe-channel meta tag the server may fill in).
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var meta = document.querySelector('meta[name="koe-channel"]');
  var channel = params.get('channel') || (meta && meta.getAttribute('content')) || '';
  if (!channel) {
    document.getElementById('missing-channel').hidden = false;
    return;
  }
  var script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.setAttribute('data-channel', channel);
  var lang = params.get('lang');
  if (lang === 'en' || lang === 'ja') script.setAttribute('data-lang', lang);
  document.body.appendChild(script);
})();
