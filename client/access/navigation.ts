/**
 * Views are whole pages (App picks one by `location.pathname`), so moving between them is a page load. One
 * object, so tests can replace `go` and see where the page wanted to go.
 */
export const navigation = {
  go(url: string): void {
    window.location.assign(url);
  },
};
