// The exercise widget in the browser (an anywidget front-end module).
//
// Python sends a `spec` (question, choices, labels, all in the notebook's
// language) and the current `answer` and `feedback`; this module draws a
// plain HTML form from it: a fieldset whose legend is the question, native
// radio buttons, check boxes, selects or a text area, each with its own
// <label>, a submit button and a live region for the feedback. The form
// sends {event: "submit", answer} to Python when the student checks it.
//
// Every control carries data-lm-suppress-shortcuts, so JupyterLab's
// command-mode shortcuts (arrows move between cells, "b" inserts a cell...)
// do not steal the keys a keyboard user needs inside the form.
//
// A widget outlives its kernel: after a restart the page still shows it, but
// the new kernel does not know it. So every Check waits for Python's reply:
// when the kernel has handled the message (its status went back to idle) and
// no reply came, the kernel was restarted; when nothing at all comes back in
// a few seconds, it is busy or gone. Either way the button works again and the
// feedback says, in the notebook's language, to run the cell again. Changing
// the answer clears the verdict shown, which belonged to the earlier answer.
// The feedback that answers a Check is scrolled into view, so in a long
// exercise it never appears below the screen.
//
// The module also tidies the page around the exercises, without touching the
// saved outputs: text columns of pandas tables are left-aligned (JupyterLab
// right-aligns every cell, which makes long definitions hard to read); the
// CSS beside it makes printed texts wrap between words.

let counter = 0;
const NO_REPLY_MS = 6000; // nothing back from the kernel: busy, stopped or restarted
const REPLY_GRACE_MS = 1500; // after the kernel went idle, how long a reply may take to arrive

function make(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (name === "html") node.innerHTML = value; // prepared and escaped in Python
    else node.setAttribute(name, value);
  }
  for (const child of children) node.appendChild(child);
  return node;
}

function control(tag, attrs) {
  return make(tag, { ...attrs, "data-lm-suppress-shortcuts": "true" });
}

function choiceList(spec, uid, type) {
  const box = make("div", { class: "course-ex-choices" });
  spec.choices.forEach((choice, index) => {
    const id = `${uid}-${index}`;
    const input = control("input", { type, id, name: uid, value: JSON.stringify(choice.value) });
    box.appendChild(make("div", { class: "course-ex-choice" }, [input, make("label", { for: id, text: choice.label })]));
  });
  return {
    node: box,
    read() {
      const picked = [...box.querySelectorAll("input")].filter((i) => i.checked).map((i) => JSON.parse(i.value));
      return type === "radio" ? (picked.length ? picked[0] : null) : picked.sort();
    },
    write(answer) {
      const wanted = type === "radio" ? [answer] : answer || [];
      for (const input of box.querySelectorAll("input")) {
        input.checked = wanted.some((w) => JSON.stringify(w) === input.value);
      }
    },
  };
}

function selectRows(spec, uid) {
  const box = make("div", { class: "course-ex-rows" });
  const selects = spec.rows.map((row, index) => {
    const id = `${uid}-${index}`;
    const select = control("select", { id, "data-key": row.key });
    select.appendChild(make("option", { value: "", text: spec.labels.choose }));
    for (const option of spec.options) select.appendChild(make("option", { value: option.value, text: option.label }));
    box.appendChild(make("div", { class: "course-ex-row" }, [make("label", { for: id, text: row.label }), select]));
    return select;
  });
  return { node: box, selects };
}

function categorise(spec, uid) {
  const { node, selects } = selectRows(spec, uid);
  return {
    node,
    read() {
      const answer = {};
      for (const s of selects) if (s.value) answer[s.dataset.key] = s.value;
      return answer;
    },
    write(answer) {
      for (const s of selects) s.value = (answer && answer[s.dataset.key]) || "";
    },
  };
}

function ordering(spec, uid) {
  const { node, selects } = selectRows(spec, uid);
  const items = make("ul", { class: "course-ex-items" });
  for (const option of spec.options) items.appendChild(make("li", { text: option.label }));
  for (const select of selects) for (const option of select.options) option.title = option.textContent; // whole step on hover
  const wrapper = make("div", { class: "course-ex-order" }, [make("p", { text: spec.labels.steps }), items, node]);
  return {
    node: wrapper,
    read() {
      const order = selects.map((s) => s.value || null);
      return order.some((v) => v) ? order : [];
    },
    write(answer) {
      selects.forEach((s, i) => (s.value = (answer && answer[i]) || ""));
    },
  };
}

function textArea(spec, uid) {
  const id = `${uid}-text`;
  const area = control("textarea", { id, rows: "4", placeholder: spec.labels.placeholder });
  const node = make("div", { class: "course-ex-text" }, [make("label", { for: id, text: spec.labels.your_answer }), area]);
  return {
    node,
    read: () => area.value,
    write(answer) {
      area.value = answer || "";
    },
  };
}

// A cell holds a number (or nothing to read) when it is one of these; any other text makes its column a text column.
const NUMBER_LIKE = /^([-+\u2212]?[\d.,\s]*\d[\d.,]*\s*%?|NaN|nan|<NA>|None|True|False|\.\.\.|\u2026|)$/;

function alignTextColumns(root) {
  for (const table of root.querySelectorAll("table.dataframe:not([data-course-aligned])")) {
    table.setAttribute("data-course-aligned", "true");
    const rows = [...table.querySelectorAll("tbody tr")];
    if (!rows.length) continue;
    const textColumns = new Set();
    for (const row of rows) {
      [...row.querySelectorAll("td")].forEach((cell, index) => {
        if (!NUMBER_LIKE.test(cell.textContent.trim())) textColumns.add(index);
      });
    }
    if (!textColumns.size) continue;
    const labels = rows[0].querySelectorAll("th").length; // the row labels (index) come first
    const width = labels + rows[0].querySelectorAll("td").length;
    for (const row of rows) {
      [...row.querySelectorAll("td")].forEach((cell, index) => textColumns.has(index) && cell.classList.add("course-text-cell"));
    }
    for (const head of table.querySelectorAll("thead tr")) {
      const cells = [...head.children];
      if (cells.length !== width) continue;
      cells.forEach((cell, index) => textColumns.has(index - labels) && cell.classList.add("course-text-cell"));
    }
  }
}

function watchTables() {
  // Once per page: tables drawn now and later (cells run after this one) get their text columns aligned.
  if (window.__courseTablesWatched) return;
  window.__courseTablesWatched = true;
  let queued = false;
  const run = () => {
    queued = false;
    alignTextColumns(document);
  };
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      setTimeout(run, 200);
    }
  }).observe(document.body, { childList: true, subtree: true });
  run();
}

const BUILDERS = {
  single: (spec, uid) => choiceList(spec, uid, "radio"),
  truefalse: (spec, uid) => choiceList(spec, uid, "radio"),
  multiple: (spec, uid) => choiceList(spec, uid, "checkbox"),
  categorise,
  ordering,
  text: textArea,
};

function render({ model, el }) {
  const spec = model.get("spec");
  const uid = `course-ex-${spec.id}-${++counter}`;
  const part = BUILDERS[spec.kind](spec, uid);
  const legend = make("legend", { class: "course-ex-question", html: spec.question_html });
  const button = control("button", { type: "submit", class: "course-ex-button", text: spec.labels.button });
  const feedback = make("div", { class: "course-ex-feedback", role: "status", "aria-live": "polite" });
  const form = make("form", { class: "course-ex", "aria-label": spec.head }, [
    make("div", { class: "course-ex-head", text: spec.head }),
    make("fieldset", {}, [legend, part.node]),
    button,
    feedback,
  ]);
  let waiting = null; // the Check that waits for Python's reply: {timers}
  const stopWaiting = () => {
    if (waiting) waiting.timers.forEach((timer) => clearTimeout(timer));
    waiting = null;
  };
  const noReply = (label) => {
    stopWaiting();
    feedback.replaceChildren(
      make("div", { class: "course-feedback course-no-kernel", role: "alert" }, [make("strong", { text: `\u26A0 ${spec.labels[label]}` })]),
    );
    button.disabled = false;
    feedback.scrollIntoView({ block: "nearest" });
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    stopWaiting();
    button.disabled = true;
    const sent = model.get("revision");
    const replied = () => model.get("revision") !== sent;
    waiting = { timers: [setTimeout(() => replied() || noReply("no_reply"), NO_REPLY_MS)] };
    const mine = waiting;
    const idle = (message) => {
      // The kernel has handled the message; a reply may still be on its way through the widget's state.
      if (message.content.execution_state !== "idle" || waiting !== mine) return;
      mine.timers.push(setTimeout(() => waiting === mine && !replied() && noReply("kernel_restarted"), REPLY_GRACE_MS));
    };
    try {
      model.send({ event: "submit", answer: part.read() }, { iopub: { status: idle } });
    } catch (error) {
      noReply("kernel_restarted"); // the kernel (and the widget's connection to it) is gone
    }
  });
  form.addEventListener("input", () => feedback.replaceChildren()); // an answer changed: the old verdict no longer applies
  const reveal = () => feedback.scrollIntoView({ block: "nearest" }); // the answer to a Check is never below the screen
  const showFeedback = () => {
    const answersCheck = waiting !== null;
    stopWaiting();
    feedback.innerHTML = model.get("feedback"); // built and escaped in Python
    button.disabled = false;
    if (answersCheck && feedback.childElementCount) reveal();
  };
  const showAnswer = () => part.write(model.get("answer"));
  showAnswer();
  showFeedback();
  // `revision` changes with every reply from Python, even when the feedback text is the same.
  model.on("change:revision", showFeedback);
  model.on("change:answer", showAnswer);
  el.appendChild(form);
  watchTables();
  return () => {
    stopWaiting();
    model.off("change:revision", showFeedback);
    model.off("change:answer", showAnswer);
  };
}

export default { render };
