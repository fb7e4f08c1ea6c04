// Profile form (admin): when the stage (question 4) changes, show the route's notes for the parts
// and questions the quickscan does not ask at that stage, and collapse or open those parts.
// The server renders the same state, so without this script the form is complete and correct.
(function () {
  "use strict";

  // "Anders, namelijk": the explanation is shown while "Anders" is chosen (or already filled in).
  function initOther() {
    document.querySelectorAll("[data-other-answer]").forEach(function (wrapper) {
      var name = wrapper.dataset.otherAnswer;
      var codes = (wrapper.dataset.otherCodes || "").split(" ");
      var text = wrapper.querySelector("input, textarea");
      var controls = document.querySelectorAll('[name="' + name + '"]');
      function chosen() {
        return Array.prototype.some.call(controls, function (control) {
          if (control.tagName === "SELECT") return codes.indexOf(control.value) !== -1;
          return control.checked && codes.indexOf(control.value) !== -1;
        });
      }
      function update() {
        wrapper.hidden = !chosen() && !(text && text.value);
      }
      controls.forEach(function (control) {
        control.addEventListener("change", update);
      });
      update();
    });
  }

  function init() {
    initOther();
    var stage = document.getElementById("id_stage");
    if (!stage || !stage.dataset.stageLetters) return;
    var letters = JSON.parse(stage.dataset.stageLetters);

    function asked(element, letter) {
      var route = (element.dataset.routeLetters || "").split(" ").filter(Boolean);
      return !letter || route.length === 0 || route.indexOf(letter) !== -1;
    }

    function setNote(container, show) {
      var note = container.querySelector(":scope > [data-route-note]");
      if (note) note.hidden = !show;
    }

    function update(collapse) {
      var letter = letters[stage.value] || "";
      document.querySelectorAll("[data-profile-question]").forEach(function (question) {
        var isAsked = asked(question, letter);
        question.classList.toggle("profile-question--not-asked", !isAsked);
        setNote(question, !isAsked);
      });
      document.querySelectorAll("section.w-panel[data-profile-section]").forEach(function (section) {
        var applies = asked(section, letter);
        var content = section.querySelector(".w-panel__content");
        if (content) setNote(content, !applies);
        var toggle = section.querySelector("[data-panel-toggle]");
        if (collapse && toggle) {
          var expanded = toggle.getAttribute("aria-expanded") === "true";
          if (expanded !== applies) toggle.click();
        }
      });
    }

    stage.addEventListener("change", function () {
      update(true);
    });
    update(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
