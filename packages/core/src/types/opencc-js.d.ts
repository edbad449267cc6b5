// opencc-js ships no typings for its dictionary modules: each is one string of "source target" pairs joined by "|".
declare module "opencc-js/dict/TSCharacters" {
  const dictionary: string;
  export default dictionary;
}
