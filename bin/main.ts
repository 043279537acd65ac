/** `npm start`: the main job. Filled by the foundation issue. */
console.log('forensic readiness kit');
