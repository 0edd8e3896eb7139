// video.js ships a "core" build without its HLS/DASH engine (VHS) at the package root, typed by the main
// entry's declarations.
declare module 'video.js/core.es.js' {
  import videojs from 'video.js';

  export default videojs;
}
