// The phone scanner: the back camera read frame after frame (the
// browser's BarcodeDetector where it has one, else zxing-wasm), each badge
// sent to the server as one scan with its own id, the card the server
// answers (green, amber, red) shown for 3 s with a vibration and a sound.
// A scan the server did not answer is kept in this page's IndexedDB and
// sent again until it is recorded: nothing is green that the server has
// not recorded.
"use strict";
(function () {
  const root = document.getElementById("scanner");
  if (!root) return;
  const words = JSON.parse(root.dataset.words || "{}");
  const csrf = root.dataset.csrf;
  const video = document.getElementById("camera");
  const cameraState = document.getElementById("camera-state");
  const card = document.getElementById("card");
  const waiting = document.getElementById("waiting");
  const signinAgain = document.getElementById("signin-again");
  const checkout = document.getElementById("checkout");
  const recent = document.getElementById("recent");
  const SAME_SCAN_MS = 3000;
  const CARD_MS = 3000;
  const RETRY_MS = 3000;

  // The phone's clock against the server's: measured at load and on
  // every answer, so a scan kept offline is recorded at its real time.
  let offset = Number(root.dataset.serverMs) - Date.now();
  const serverNow = () => Date.now() + offset;
  const measure = (sent, body) => {
    if (body && typeof body.server_ms === "number") {
      offset = body.server_ms - (sent + Date.now()) / 2;
    }
  };

  const mode = () => {
    const chosen = root.querySelector("input[name=mode]:checked");
    return chosen ? chosen.value : "checkin";
  };

  const newId = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };

  // ---- the scans kept on the phone (IndexedDB; memory if refused) ----
  const memory = new Map();
  const database = new Promise((resolve) => {
    try {
      const open = indexedDB.open("extras-kiosk-scanner", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("scans", { keyPath: "id" });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => resolve(null);
    } catch (e) {
      resolve(null);
    }
  });
  const store = async (how, fn) => {
    const db = await database;
    if (!db) return fn(null);
    return new Promise((resolve, reject) => {
      const tx = db.transaction("scans", how);
      const request = fn(tx.objectStore("scans"));
      tx.oncomplete = () => resolve(request && request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  const keep = (item) =>
    store("readwrite", (s) => (s ? s.put(item) : memory.set(item.id, item))).catch(() =>
      memory.set(item.id, item)
    );
  const forget = (id) => {
    memory.delete(id);
    return store("readwrite", (s) => (s ? s.delete(id) : null)).catch(() => null);
  };
  const kept = async () => {
    const stored = await store("readonly", (s) => (s ? s.getAll() : null)).catch(() => null);
    const all = (stored || []).concat(Array.from(memory.values()));
    return all.sort((a, b) => a.scanned_at_ms - b.scanned_at_ms);
  };

  const showWaiting = async () => {
    const n = (await kept()).length;
    root.dataset.waiting = String(n);
    if (n === 0) {
      waiting.hidden = true;
      return;
    }
    waiting.textContent = n === 1 ? words.waiting_one : words.waiting_many.replace("{n}", n);
    waiting.hidden = false;
  };

  // ---- the card, its vibration and sound ----
  let audio = null;
  document.addEventListener(
    "pointerdown",
    () => {
      try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      } catch (e) {
        audio = null;
      }
    },
    { once: true }
  );
  const tones = { green: [[880, 0.12]], amber: [[660, 0.1], [660, 0.1]], red: [[220, 0.4]], blue: [[520, 0.1]] };
  const feedback = (colour) => {
    const pattern = { green: [80], amber: [80, 80, 80], red: [300], blue: [40] }[colour];
    if (navigator.vibrate) {
      try {
        navigator.vibrate(pattern);
      } catch (e) {}
    }
    if (!audio || audio.state !== "running") return;
    let t = audio.currentTime;
    for (const [hz, length] of tones[colour] || []) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(t);
      osc.stop(t + length);
      t += length + 0.06;
    }
  };

  let cardTimer = null;
  const showCard = (body) => {
    const colour = body.card || "red";
    card.className = "scan-card card-" + colour;
    card.dataset.outcome = body.outcome || "not_recorded";
    card.querySelector(".card-title").textContent = body.title || "";
    card.querySelector(".card-name").textContent = body.name ? body.name + (body.badge ? " · " + body.badge : "") : "";
    card.querySelector(".card-area").textContent = body.area || "";
    card.querySelector(".card-message").textContent = body.message || "";
    const lines = card.querySelector(".card-lines");
    lines.replaceChildren();
    const facts = [];
    if (body.outcome === "who") {
      if (body.call) facts.push(["Call", body.call]);
      if (body.in) facts.push(["In", body.in]);
      if (body.out) facts.push(["Out", body.out]);
    }
    for (const line of body.lines || []) facts.push([line.label, line.value]);
    for (const [label, value] of facts) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      lines.append(dt, dd);
    }
    card.hidden = false;
    root.dataset.cards = String(Number(root.dataset.cards || "0") + 1);
    feedback(colour);
    clearTimeout(cardTimer);
    cardTimer = setTimeout(() => {
      card.hidden = true;
    }, body.outcome === "who" ? 3 * CARD_MS : CARD_MS);
  };
  const keptCard = (item) =>
    showCard({ card: "amber", outcome: "kept", title: words.kept, message: item.body.badge || "" });

  const remember = (body) => {
    if (!recent) return;
    const li = document.createElement("li");
    li.className = "card-" + (body.card || "red");
    const clock = new Date(serverNow()).toTimeString().slice(0, 5);
    li.textContent = clock + " " + (body.title || "") + (body.name ? ": " + body.name : "");
    recent.prepend(li);
    while (recent.children.length > 8) recent.lastElementChild.remove();
  };

  // ---- sending ----
  const post = async (url, item) => {
    const sent = Date.now();
    let response;
    // A network that swallows the request does not hold the camera.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 10000);
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify(item.body),
        signal: abort.signal,
      });
    } catch (e) {
      return { kept: true };
    } finally {
      clearTimeout(timer);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    measure(sent, body);
    if (response.status === 403) {
      signinAgain.hidden = false;
      return { kept: true, body };
    }
    // A server that did not answer the scan (a proxy, a restart, a file
    // busy for a moment) keeps it.
    if (response.status >= 500 || (!body && response.status >= 200 && response.status < 300)) {
      return { kept: true, body };
    }
    // Anything else is final: said in red, not sent again.
    return {
      kept: false,
      body: body || { card: "red", outcome: "not_recorded", title: words.nothing, message: "HTTP " + response.status },
    };
  };
  const urlOf = (item) => (item.kind === "sign" ? "/scan/sign" : "/scan");

  // The answers to scans sent from the queue, by id.
  const answered = new Map();
  let flushing = null;
  const flush = () => {
    flushing = flushing || sendKept().finally(() => (flushing = null));
    return flushing;
  };
  const sendKept = async () => {
    try {
      for (const item of await kept()) {
        const answer = await post(urlOf(item), item);
        if (answer.kept) break;
        await forget(item.id);
        answered.set(item.id, answer.body);
        if (answered.size > 50) answered.delete(answered.keys().next().value);
        if (item.kind !== "sign") remember(answer.body);
      }
    } finally {
      await showWaiting();
    }
  };
  setInterval(() => {
    if (Number(root.dataset.waiting || "0") > 0) flush();
  }, RETRY_MS);
  window.addEventListener("online", flush);

  // ---- check-out: the voucher and the signature pad ----
  let signing = null;
  const pad = document.getElementById("pad");
  let strokes = [];
  const drawPad = () => {
    const g = pad.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, pad.width, pad.height);
    g.strokeStyle = "#111";
    g.lineWidth = 3;
    g.lineCap = "round";
    for (const stroke of strokes) {
      g.beginPath();
      stroke.forEach(([x, y], i) => (i ? g.lineTo(x * pad.width, y * pad.height) : g.moveTo(x * pad.width, y * pad.height)));
      if (stroke.length === 1) g.lineTo(stroke[0][0] * pad.width + 0.5, stroke[0][1] * pad.height);
      g.stroke();
    }
  };
  const padPoint = (e) => {
    const r = pad.getBoundingClientRect();
    const clamp = (v) => Math.min(1, Math.max(0, v));
    const round = (v) => Math.round(clamp(v) * 1000) / 1000;
    return [round((e.clientX - r.left) / r.width), round((e.clientY - r.top) / r.height)];
  };
  const points = () => strokes.reduce((n, s) => n + s.length, 0);
  // What a request carries (the server takes 64 KiB): 4,000 points at
  // three decimals is under 60 KiB.
  const MAX_POINTS = 4000;
  let drawing = false;
  pad.addEventListener("pointerdown", (e) => {
    drawing = true;
    pad.setPointerCapture(e.pointerId);
    if (points() < MAX_POINTS) strokes.push([padPoint(e)]);
    drawPad();
  });
  pad.addEventListener("pointermove", (e) => {
    if (!drawing || !strokes.length || points() >= MAX_POINTS) return;
    strokes[strokes.length - 1].push(padPoint(e));
    drawPad();
  });
  const lift = () => {
    drawing = false;
  };
  pad.addEventListener("pointerup", lift);
  pad.addEventListener("pointercancel", lift);

  const openCheckout = (body) => {
    signing = body.badge;
    strokes = [];
    const list = checkout.querySelector(".summary-lines");
    list.replaceChildren();
    for (const line of body.summary.lines) {
      const dt = document.createElement("dt");
      dt.textContent = line.label;
      const dd = document.createElement("dd");
      dd.textContent = line.value;
      list.append(dt, dd);
    }
    checkout.hidden = false;
    drawPad();
  };
  const finishCheckout = async (signed) => {
    if (!signing) return;
    const item = {
      id: newId(),
      kind: "sign",
      scanned_at_ms: serverNow(),
      body: { id: "", badge: signing, strokes: signed ? strokes : null, signed_at_ms: Math.round(serverNow()) },
    };
    item.body.id = item.id;
    signing = null;
    checkout.hidden = true;
    await keep(item);
    const answer = await post("/scan/sign", item);
    if (answer.kept) {
      await showWaiting();
      return;
    }
    await forget(item.id);
    await showWaiting();
    const b = answer.body;
    if (b.outcome === "signed" || b.outcome === "unsigned") {
      showCard({ card: "green", outcome: b.outcome, title: b.outcome === "signed" ? words.signed : words.left_unsigned });
    } else {
      showCard(b);
    }
  };
  document.getElementById("pad-clear").addEventListener("click", () => {
    strokes = [];
    drawPad();
  });
  document.getElementById("pad-sign").addEventListener("click", () => {
    if (points() >= 2) finishCheckout(true);
  });
  document.getElementById("pad-unsigned").addEventListener("click", () => finishCheckout(false));

  // ---- one scan ----
  let last = { text: "", at: -Infinity };
  const scan = async (what) => {
    const scannedAt = Math.round(serverNow());
    const chosen = mode();
    // The same badge in the same mode within 3 s is one scan.
    const text = chosen + ":" + (what.payload || "#" + what.badge);
    const now = performance.now();
    if (text === last.text && now - last.at < SAME_SCAN_MS) {
      last.at = now;
      return;
    }
    last = { text, at: now };
    // The next scan takes over: a voucher on screen is left unsigned.
    if (signing) await finishCheckout(false);
    if (chosen === "who") {
      const answer = await post("/scan", { body: Object.assign({ mode: "who" }, what) });
      if (answer.kept) {
        showCard({ card: "red", title: words.nothing, message: (answer.body && answer.body.message) || "" });
      } else {
        showCard(answer.body);
      }
      return;
    }
    const id = newId();
    const item = {
      id,
      kind: "scan",
      scanned_at_ms: scannedAt,
      body: Object.assign({ id, mode: chosen, scanned_at_ms: scannedAt }, what),
    };
    await keep(item);
    // Scans kept earlier go first, in the order they were made.
    await flush();
    // A send already under way may have started before this scan was kept.
    if (!answered.has(id)) await flush();
    const body = answered.get(id);
    answered.delete(id);
    if (!body) {
      keptCard(item);
      return;
    }
    showCard(body);
    const answer = { body };
    if (answer.body.summary && answer.body.outcome === "released" && !answer.body.again) {
      openCheckout(answer.body);
    }
  };

  document.getElementById("typed").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = document.getElementById("typed-badge");
    const badge = input.value.trim();
    if (!badge) return;
    input.value = "";
    scan({ badge });
  });

  // ---- the camera and the decoder ----
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let detect = null;
  const decoders = async () => {
    if ("BarcodeDetector" in window) {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) {
          const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          root.dataset.decoder = "BarcodeDetector";
          return async () => {
            const found = await detector.detect(video);
            return found.length ? found[0].rawValue : null;
          };
        }
      } catch (e) {}
    }
    const zxing = window.ZXingWASM;
    // Fetched and compiled now, while the server answers: the phone may
    // lose the network before the first badge.
    await zxing.prepareZXingModule({
      overrides: {
        locateFile: (path, prefix) => (path.endsWith(".wasm") ? "/static/zxing/" + path : prefix + path),
      },
      fireImmediately: true,
    });
    root.dataset.decoder = "zxing-wasm";
    const options = { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 1 };
    return async () => {
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!w || !h) return null;
      // A frame of at most 960 px on its long side: enough for a badge
      // held up to the phone, and quick to read.
      const scale = Math.min(1, 960 / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const found = await zxing.readBarcodes(context.getImageData(0, 0, canvas.width, canvas.height), options);
      const ok = found.find((f) => f.isValid);
      return ok ? ok.text : null;
    };
  };

  let tried = 0;
  let read = 0;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // The next frame, or half a second at most (a paused video, a phone
  // back from its lock screen, a browser without frame callbacks).
  const nextFrame = () =>
    Promise.race([
      "requestVideoFrameCallback" in video
        ? new Promise((resolve) => video.requestVideoFrameCallback(resolve))
        : sleep(30),
      sleep(500),
    ]);
  const loop = async () => {
    for (;;) {
      await nextFrame();
      // The extra is signing: the camera faces their badge; not a scan.
      if (signing) continue;
      let text = null;
      try {
        text = await detect();
      } catch (e) {
        // Said on the page's element for whoever looks (the tests do).
        root.dataset.decodeError = String(e).slice(0, 200);
        text = null;
      }
      tried += 1;
      if (text) read += 1;
      root.dataset.framesTried = String(tried);
      root.dataset.framesRead = String(read);
      if (text) {
        try {
          await scan({ payload: text });
        } catch (e) {
          root.dataset.scanError = String(e).slice(0, 200);
        }
      }
    }
  };
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && video.srcObject && video.paused) video.play().catch(() => {});
  });

  const start = async () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      cameraState.textContent = words.no_camera;
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      video.srcObject = stream;
      await video.play();
    } catch (e) {
      cameraState.textContent = words.no_camera;
      root.dataset.camera = "off";
      return;
    }
    try {
      detect = await decoders();
      cameraState.textContent = words.camera_ok;
      root.dataset.camera = "on";
      loop();
    } catch (e) {
      cameraState.textContent = words.no_reader;
      root.dataset.camera = "no reader";
    }
  };

  showWaiting().then(flush);
  start();
})();
