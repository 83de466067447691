// Suggestions as the reader types in a search box (GET /api/v1/suggest/), following the
// ARIA 1.2 combobox pattern with a listbox popup. Without script the box is a plain search
// field of a GET form; the roles and the listbox are added here, only where they work.
//
// Keys: Down and Up move through the suggestions (Down opens them), Enter opens the one
// chosen (with none chosen, it submits the form as ever), Escape closes them.
(() => {
  const DELAY = 150; // ms after the last key before asking
  // Two letters or more at the end of what was typed: what the endpoint needs to suggest.
  const LAST_WORD = /\p{L}{2,}$/u;
  const KINDS = { speaker: "Speaker", topic: "Topic", claim: "Claim" };
  let count = 0;

  function enhance(input) {
    const endpoint = input.dataset.suggest;
    const id = `suggest-${++count}`;

    const wrapper = document.createElement("div");
    wrapper.className = "suggest";
    input.replaceWith(wrapper);
    wrapper.append(input);

    const list = document.createElement("ul");
    list.id = `${id}-list`;
    list.className = "suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    wrapper.append(list);

    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    let options = [];
    let active = -1;
    let timer = null;
    let pending = null;
    let asked = "";

    function open() {
      if (!options.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    function choose(index) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      const option = options[active];
      if (option) {
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.replaceChildren();
      options = suggestions.map((suggestion, index) => {
        const option = document.createElement("li");
        option.id = `${id}-option-${index}`;
        option.className = "suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = suggestion.url;
        const label = document.createElement("span");
        label.className = "suggest__label";
        label.textContent = suggestion.label;
        const kind = document.createElement("span");
        kind.className = "suggest__kind";
        kind.textContent = KINDS[suggestion.kind] || suggestion.kind;
        const comma = document.createElement("span");
        comma.className = "visually-hidden";
        comma.textContent = ", ";
        option.append(label, comma, kind);
        list.append(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      const n = options.length;
      status.textContent = n
        ? `${n} suggestion${n === 1 ? "" : "s"}: use the up and down arrow keys to choose one.`
        : "No suggestions.";
      if (n) open();
      else close();
    }

    async function ask() {
      const q = input.value.trim();
      if (q === asked) return;
      asked = q;
      if (pending) pending.abort();
      if (!LAST_WORD.test(q)) {
        options = [];
        list.replaceChildren();
        close();
        return;
      }
      pending = new AbortController();
      try {
        const response = await fetch(`${endpoint}?q=${encodeURIComponent(q)}`, {
          headers: { Accept: "application/json" },
          signal: pending.signal,
        });
        if (!response.ok) return; // throttled or refused: the form still works
        const body = await response.json();
        if (input.value.trim() === q) show(body.suggestions);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    function go(option) {
      window.location.assign(option.dataset.url);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });

    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") {
        if (!options.length) return;
        event.preventDefault();
        if (list.hidden) {
          open();
          if (event.altKey) return;
        }
        choose((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        open();
        choose(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && options[active]) {
          event.preventDefault();
          go(options[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    // mousedown, not click: the box keeps the focus, so blur does not close the list first.
    list.addEventListener("mousedown", (event) => {
      const option = event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      go(option);
    });

    input.addEventListener("blur", close);
    input.addEventListener("focus", () => {
      if (options.length && input.value.trim() === asked) open();
    });
  }

  for (const input of document.querySelectorAll("input[data-suggest]")) enhance(input);
})();
