/** The session cookie's name, shared by lucia and the page cache (which keeps signed-in pages apart, per cookie). */
export const SESSION_COOKIE_NAME = "practica_session";
