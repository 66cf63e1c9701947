/**
 * The customer-view page: one column per platform, each customer's posts and the answers they saw. Plain HTML
 * and a little script, no build step; every piece of text goes in through textContent, never as markup.
 */
export const SANDBOX_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Koe サンドボックス — お客様の画面</title>
<style>
  body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; background: #f4f5f7; color: #1f2328; }
  header { padding: 12px 20px; background: #24292f; color: #fff; display: flex; gap: 16px; align-items: baseline; }
  header h1 { font-size: 18px; margin: 0; }
  header p { margin: 0; font-size: 13px; opacity: .8; }
  main { display: grid; grid-template-columns: repeat(5, minmax(220px, 1fr)); gap: 12px; padding: 12px; }
  section { background: #fff; border-radius: 8px; padding: 8px; min-height: 70vh; overflow-y: auto; max-height: calc(100vh - 90px); }
  section h2 { font-size: 15px; margin: 4px 4px 8px; }
  .thread { border: 1px solid #d0d7de; border-radius: 8px; padding: 6px; margin-bottom: 8px; }
  .who { font-size: 12px; font-weight: 600; margin-bottom: 4px; }
  .post { font-size: 13px; border-radius: 10px; padding: 6px 8px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
  .customer { background: #eef1f4; margin-right: 24px; }
  .brand { background: #dff3e4; margin-left: 24px; }
  .meta { display: block; font-size: 11px; color: #57606a; margin-top: 2px; }
  .empty { color: #57606a; font-size: 13px; padding: 4px; }
  .choices { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 4px 24px; }
  .choices button { font: inherit; font-size: 12px; border: 1px solid #1f883d; color: #1f883d; background: #fff; border-radius: 12px; padding: 2px 10px; cursor: pointer; }
</style>
</head>
<body>
<header><h1>Koe サンドボックス</h1><p id="status">読み込み中…</p></header>
<main id="columns"></main>
<script>
(function () {
  var columns = document.getElementById('columns');
  var statusLine = document.getElementById('status');
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function label(entry) {
    var where = entry.visibility === 'public' ? '公開' : '非公開（DM）';
    var who = entry.reaction ? 'Koeマートのリアクション' : entry.author === 'brand' ? 'Koeマートからの返信' : 'お客様の投稿';
    return who + '・' + where + '・' + new Date(entry.at).toLocaleTimeString('ja-JP');
  }
  function render(view) {
    statusLine.textContent = (view.connected ? 'Koe に接続済み' : 'Koe のセットアップ待ち') + '・毎分 ' + view.ratePerMinute + ' 件の投稿';
    columns.replaceChildren();
    view.platforms.forEach(function (p) {
      var col = el('section');
      col.setAttribute('data-platform', p.platform);
      col.appendChild(el('h2', '', p.label));
      var threads = new Map();
      p.entries.forEach(function (e) {
        if (!threads.has(e.customer.id)) threads.set(e.customer.id, { name: e.customer.name, entries: [] });
        threads.get(e.customer.id).entries.push(e);
      });
      if (!threads.size) col.appendChild(el('div', 'empty', 'まだ投稿はありません'));
      Array.from(threads.values()).reverse().forEach(function (t) {
        var box = el('div', 'thread');
        box.appendChild(el('div', 'who', t.name));
        t.entries.forEach(function (e) {
          var post = el('div', 'post ' + e.author, e.text);
          post.setAttribute('data-author', e.author);
          post.setAttribute('data-visibility', e.visibility);
          post.appendChild(el('span', 'meta', label(e)));
          box.appendChild(post);
          // Quick replies (LINE, Messenger, Instagram): tapping one answers as the customer would.
          if (e.choices && e.choices.length) {
            var row = el('div', 'choices');
            e.choices.forEach(function (c) {
              var b = el('button', '', c.label);
              b.type = 'button';
              b.setAttribute('data-tap', e.id);
              b.addEventListener('click', function () { tap(e.id, c.label); });
              row.appendChild(b);
            });
            box.appendChild(row);
          }
        });
        col.appendChild(box);
      });
      columns.appendChild(col);
    });
  }
  function tap(entryId, choice) {
    fetch('/sandbox/api/tap', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entryId: entryId, label: choice }),
    }).then(function (r) { statusLine.textContent = r.ok ? '「' + choice + '」をタップしました' : 'タップを送れませんでした'; });
  }
  function refresh() {
    fetch('/sandbox/api/transcript').then(function (r) { return r.json(); }).then(render)
      .catch(function () { statusLine.textContent = 'サンドボックスに接続できません'; })
      .finally(function () { setTimeout(refresh, 2000); });
  }
  refresh();
})();
</script>
</body>
</html>
`;
