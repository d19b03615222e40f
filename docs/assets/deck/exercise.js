// exercise.js: an exercise slide (survey/markdown.py's exercise block):
//
//   <div class="exercise" data-exercise="<section>/<name>">
//     the task; an example block with the starting code (run in the browser);
//     [data-action="hint"] and [data-action="solution"]; the hints, as a list;
//     <p class="exercise__grade" role="status"> for the verdict; and the
//     solution, in the speaker notes.
//
// Hint shows the next hint, one a press. Solution puts the solution's code in
// the editor (edit.js). When a run of the exercise ends, its events go to the
// exercise's check.py, run in a fresh Python in the browser (browser-run.js),
// and the verdict is written with data-grade="pass" or "fail" and one
// sentence, which screen readers announce.

import { putCode } from "./edit.js";
import { refit } from "./fit.js";
import { CONTENT, onEveryPage, siteRoot } from "./material.js";

const checks = new Map();
function checkSource(id) {
  const [section, name] = id.split("/");
  if (!checks.has(id)) {
    const url = new URL(`examples/${section}/exercises/${name}/check.py`, siteRoot);
    const fetched = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`the exercise's check: HTTP ${response.status}`);
      return response.text();
    });
    fetched.catch(() => checks.delete(id));
    checks.set(id, fetched);
  }
  return checks.get(id);
}

function showHints(exercise) {
  const hints = [...exercise.querySelectorAll(".exercise__hints li")];
  const hint = exercise.querySelector("[data-action='hint']");
  const shown = hints.filter((item) => !item.hidden).length;
  hint.textContent = shown === hints.length ? "No more hints" : `Hint (${shown + 1} of ${hints.length})`;
  hint.disabled = shown === hints.length;
}

function nextHint(exercise) {
  const next = exercise.querySelector(".exercise__hints li[hidden]");
  if (next) {
    next.hidden = false;
    next.tabIndex = -1;
    next.focus();
  }
  showHints(exercise);
}

async function grade(exercise, events) {
  const result = exercise.querySelector(".exercise__grade");
  delete result.dataset.grade;
  result.textContent = "Checking what the event loop did…";
  try {
    const [{ gradeInBrowser }, check] = await Promise.all([
      import("./browser-run.js"),
      checkSource(exercise.dataset.exercise),
    ]);
    const { passed, why } = await gradeInBrowser(check, events);
    result.dataset.grade = passed ? "pass" : "fail";
    result.textContent = `${passed ? "Passed" : "Not yet"}: ${why}`;
    refit(exercise);
  } catch (problem) {
    result.dataset.grade = "fail";
    result.textContent = `The run could not be checked: ${problem.message}.`;
  }
}

function mountExercise(exercise) {
  if (exercise.dataset.ready) return;
  const example = exercise.querySelector(".example[data-example]");
  const hint = exercise.querySelector("[data-action='hint']");
  const solution = exercise.querySelector("[data-action='solution']");
  if (!example || !hint || !solution) return; // no Python for the browser in this build
  exercise.dataset.ready = "";
  exercise.querySelectorAll(".exercise__hints li").forEach((item) => (item.hidden = true));
  showHints(exercise);
  hint.hidden = solution.hidden = false;
  hint.addEventListener("click", () => nextHint(exercise));
  solution.addEventListener("click", () => {
    const code = exercise.querySelector("details.notes pre code")?.textContent ?? "";
    putCode(example, code);
  });
  example.addEventListener("example:ran", ({ detail }) => grade(exercise, detail.events));
}

onEveryPage(() => document.querySelectorAll(`${CONTENT} .exercise[data-exercise]`).forEach(mountExercise));
