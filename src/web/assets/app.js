// The web app's one script, all it does: the dashboard follows the day
// (server-sent events, no reload), and the roster searches as you type
// (the same GET form works without it).
"use strict";
(function () {
  const board = document.querySelector("#board[data-live]");
  if (board && "EventSource" in window) {
    const events = new EventSource(board.dataset.live);
    events.addEventListener("board", (e) => {
      board.innerHTML = e.data;
      board.dataset.updates = String(Number(board.dataset.updates || "0") + 1);
    });
  }
  const search = document.querySelector("form.search[data-rows]");
  const rows = document.getElementById("rows");
  if (search && rows) {
    let timer = null;
    let asked = 0;
    const ask = () => {
      const query = new URLSearchParams(new FormData(search)).toString();
      const mine = ++asked;
      fetch(search.dataset.rows + "?" + query, { credentials: "same-origin" })
        .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
        .then((html) => {
          if (mine === asked) {
            rows.innerHTML = html;
            history.replaceState(null, "", "/roster?" + query);
          }
        })
        .catch(() => {});
    };
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    search.addEventListener("change", ask);
  }
})();
