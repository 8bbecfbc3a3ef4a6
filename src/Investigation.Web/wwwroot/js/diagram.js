// Draws the case's workflow with bpmn-js from the page's BPMN handler, and marks each step done or
// active as the list of steps on the page says: the list is the accessible source, the picture follows it.
(function () {
  'use strict';
  var container = document.getElementById('diagram');
  if (!container) return;
  function fail() {
    container.textContent = container.getAttribute('data-failed');
  }
  if (!window.BpmnJS) { fail(); return; }

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
      document.querySelectorAll('#diagram-steps [data-element]').forEach(function (step) {
        var state = step.getAttribute('data-state');
        var element = registry.get(step.getAttribute('data-element'));
        if ((state === 'done' || state === 'active') && element) canvas.addMarker(element, state);
        if (state === 'active' && element && !focus) focus = element;
      });
      // The whole flowchart if it stays readable; otherwise a readable size, on the first active step.
      canvas.zoom('fit-viewport', 'auto');
      if (canvas.zoom() < 0.6) {
        canvas.zoom(0.75);
        if (focus && canvas.scrollToElement) canvas.scrollToElement(focus, { top: 150, right: 300, bottom: 150, left: 300 });
      }
    })
    .catch(function (error) {
      console.error(error);
      fail();
    });
})();
