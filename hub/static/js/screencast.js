// Chapter buttons seek the screencast player and show which chapter is playing.
(function () {
    "use strict";
    var player = document.getElementById("screencast-player");
    if (!player) return;
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-seek]"));

    buttons.forEach(function (button) {
        button.addEventListener("click", function () {
            player.currentTime = Number(button.dataset.seek);
            var playing = player.play();
            if (playing && playing.catch) playing.catch(function () {});
            player.focus();
        });
    });

    player.addEventListener("timeupdate", function () {
        var current = null;
        buttons.forEach(function (button) {
            if (Number(button.dataset.seek) <= player.currentTime + 0.25) current = button;
        });
        buttons.forEach(function (button) {
            button.setAttribute("aria-current", button === current ? "true" : "false");
        });
    });
})();
