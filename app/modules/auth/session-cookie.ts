/** The session cookie's name, shared by lucia and the page cache (which must skip signed-in requests). */
export const SESSION_COOKIE_NAME = "practica_session";
