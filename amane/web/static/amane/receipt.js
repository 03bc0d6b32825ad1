/* The receipt page: copy or share the code. Without JavaScript the code is plain text to select. */
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  // The report is filed: the draft the form kept in this tab has done its work.
  try { window.sessionStorage.removeItem("amane-report-draft"); } catch (e) { /* storage may be off */ }
  var code = document.getElementById("receipt-code");
  if (!code) { return; }
  var text = code.textContent.trim();
  var status = document.getElementById("copy-status");
  var copy = document.getElementById("copy-code");
  var share = document.getElementById("share-code");
  if (navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () { status.textContent = data.copied; }, function () {
        window.getSelection().selectAllChildren(code);
      });
    });
  }
  if (navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: data.shareTitle, text: text }).catch(function () {});
    });
  }
})();
