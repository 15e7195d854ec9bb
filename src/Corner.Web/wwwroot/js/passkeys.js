// Passkeys: creating one on /account/passkeys and signing in with one on /account/sign-in.
// The server makes the options and checks the answer; this file only carries JSON between
// the server and navigator.credentials. Without it, the pages say a passkey needs JavaScript.
(function () {
  "use strict";

  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decodeIds(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function creationOptions(json) {
    if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      user: Object.assign({}, json.user, { id: toBytes(json.user.id) }),
      excludeCredentials: decodeIds(json.excludeCredentials)
    });
  }

  function requestOptions(json) {
    if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      allowCredentials: decodeIds(json.allowCredentials)
    });
  }

  function credentialJson(credential) {
    if (typeof credential.toJSON === "function") return JSON.stringify(credential.toJSON());
    var response = credential.response;
    var result = {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64Url(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      result.response.attestationObject = toBase64Url(response.attestationObject);
      result.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      result.response.authenticatorData = toBase64Url(response.authenticatorData);
      result.response.signature = toBase64Url(response.signature);
      result.response.userHandle = response.userHandle ? toBase64Url(response.userHandle) : null;
    }
    return JSON.stringify(result);
  }

  function wire(form, create) {
    var button = form.querySelector("[data-passkey-start]");
    var status = form.querySelector("[data-passkey-status]");
    var field = form.querySelector("[data-passkey-credential]");
    var token = form.querySelector("input[name='__RequestVerificationToken']");
    var needsJs = form.parentElement.querySelector("[data-passkey-needs-js]");
    if (!button || !field || !token) return;
    form.hidden = false;
    if (needsJs) needsJs.hidden = true;

    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = "";
      fetch(button.getAttribute("data-options-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-TOKEN": token.value }
      })
        .then(function (response) {
          if (!response.ok) throw new Error("options " + response.status);
          return response.json();
        })
        .then(function (json) {
          return create
            ? navigator.credentials.create({ publicKey: creationOptions(json) })
            : navigator.credentials.get({ publicKey: requestOptions(json) });
        })
        .then(function (credential) {
          if (!credential) throw new Error("no credential");
          field.value = credentialJson(credential);
          form.submit();
        })
        .catch(function () {
          status.textContent = status.getAttribute("data-failed-text") || "";
          button.disabled = false;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-passkey-create]").forEach(function (form) { wire(form, true); });
    document.querySelectorAll("form[data-passkey-sign-in]").forEach(function (form) { wire(form, false); });
  });
})();
