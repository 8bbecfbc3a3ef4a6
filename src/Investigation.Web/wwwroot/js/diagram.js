// Draws each of the case's workflows with bpmn-js from the page's BPMN handler, and marks each step done or
// active as that diagram's list of steps on the page says: the list is the accessible source, the picture follows it.
(function () {
  'use strict';
  var containers = document.querySelectorAll('.diagram[data-bpmn-url]');
  if (!containers.length) return;

  function draw(container) {
    function fail() {
      container.textContent = container.getAttribute('data-failed');
    }
    if (!window.BpmnJS) { fail(); return; }
    var steps = document.getElementById(container.getAttribute('data-steps'));
    var figure = container.closest('figure');
    var controls = figure ? figure.querySelector('[data-diagram-controls]') : null;

    var viewer = new window.BpmnJS({ container: container });
    fetch(container.getAttribute('data-bpmn-url'), { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
      .then(function (response) {
        if (!response.ok) throw new Error('BPMN request failed: ' + response.status);
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        var focus = null;
        (steps ? steps.querySelectorAll('[data-element]') : []).forEach(function (step) {
          var state = step.getAttribute('data-state');
          var element = registry.get(step.getAttribute('data-element'));
          if ((state === 'done' || state === 'active') && element) canvas.addMarker(element, state);
          if (state === 'active' && element && !focus) focus = element;
        });
        // The whole flowchart on open, start to end; the zoom buttons (and the wheel) go closer from there.
        var fit = function () { canvas.zoom('fit-viewport', 'auto'); };
        fit();
        if (controls) {
          controls.hidden = false;
          controls.addEventListener('click', function (e) {
            var button = e.target.closest('button[data-zoom]');
            if (!button) return;
            var how = button.getAttribute('data-zoom');
            if (how === 'fit') fit();
            else if (how === 'active' && focus) { canvas.zoom(1); canvas.scrollToElement(focus); }
            else canvas.zoom(Math.max(0.2, Math.min(3, canvas.zoom() * (how === 'in' ? 1.25 : 0.8))));
          });
        }
      })
      .catch(function (error) {
        console.error(error);
        fail();
      });
  }

  Array.prototype.forEach.call(containers, draw);
})();
