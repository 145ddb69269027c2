// Autocomplete for the comma-separated tag field: existing tags that start like the word
// being typed are offered in a native <datalist>, each option completing the whole field, so
// keyboard and screen-reader users get the browser's own suggestion list.
"use strict";
{
  const input = document.getElementById("id_tags");
  // The admin's own address may be configured; the model's part of it is fixed.
  const base = window.location.pathname.match(/^(.*\/press\/pressrelease\/)/);
  if (input && base) {
    const list = document.createElement("datalist");
    list.id = "id_tags_suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    const endpoint = new URL(`${base[1]}tags/`, window.location.origin);
    let timer = null;
    let asked = "";

    const suggest = async () => {
      const parts = input.value.split(",");
      const word = parts.pop().trim();
      if (word.length < 2 || word === asked) return;
      asked = word;
      const url = new URL(endpoint);
      url.searchParams.set("q", word);
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const { tags } = await response.json();
      const kept = parts.map((part) => part.trim()).filter(Boolean);
      list.replaceChildren(
        ...tags
          .filter((tag) => !kept.includes(tag))
          .map((tag) => {
            const value = [...kept, tag].join(", ");
            return new Option(value, value);
          })
      );
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
  }
}
