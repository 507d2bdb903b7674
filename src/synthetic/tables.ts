// Full trait counts the synthetic generator is calibrated to, copied from the paper's saved notebook
// outputs (data/reference/paper-key-stats.json: license_counts_all_models and language_counts_all_models,
// summary_figure.ipynb; docs/methods.md §5 F-summary). Counts are per 1,860,411 models; the generator scales
// them to its size. Languages are keyed by ISO 639-1 code; their pycountry names come from languages.ts.

/** Models per `license:` tag value (79 values, 671,895 tags; one license per model). */
export const LICENSE_COUNTS: ReadonlyArray<readonly [string, number]> = [
  ["apache-2.0", 298_442], ["mit", 109_820], ["other", 81_887], ["openrail", 37_498],
  ["creativeml-openrail-m", 29_233], ["cc-by-nc-4.0", 14_315], ["llama2", 10_294], ["llama3", 9_887],
  ["gemma", 8_677], ["unknown", 8_368], ["llama3.1", 7_614], ["cc-by-4.0", 6_737], ["openrail++", 6_552],
  ["llama3.2", 5_863], ["cc-by-nc-sa-4.0", 3_945], ["afl-3.0", 3_657], ["cc-by-sa-4.0", 2_984],
  ["gpl-3.0", 2_875], ["artistic-2.0", 1_942], ["llama3.3", 1_849], ["cc", 1_846],
  ["bigscience-bloom-rail-1.0", 1_840], ["bigscience-openrail-m", 1_742], ["bigcode-openrail-m", 1_487],
  ["bsd-3-clause", 1_363], ["cc-by-nc-nd-4.0", 1_338], ["agpl-3.0", 969], ["wtfpl", 913], ["cc0-1.0", 779],
  ["unlicense", 754], ["bsd", 555], ["gpl", 523], ["bsl-1.0", 476], ["cc-by-sa-3.0", 408],
  ["bsd-2-clause", 324], ["cc-by-2.0", 298], ["cc-by-nc-2.0", 270], ["c-uda", 261], ["gpl-2.0", 216],
  ["cc-by-nd-4.0", 208], ["cdla-permissive-2.0", 203], ["cc-by-3.0", 196], ["llama4", 180],
  ["lgpl-3.0", 169], ["bsd-3-clause-clear", 167], ["cc-by-nc-3.0", 151], ["osl-3.0", 129],
  ["cc-by-2.5", 111], ["pddl", 104], ["apple-amlr", 99], ["ms-pl", 99], ["gfdl", 98],
  ["cc-by-nc-nd-3.0", 95], ["ecl-2.0", 92], ["cc-by-nc-sa-2.0", 76], ["deepfloyd-if-license", 73],
  ["mpl-2.0", 67], ["apple-ascl", 66], ["cc-by-nc-sa-3.0", 62], ["odc-by", 59], ["zlib", 53],
  ["etalab-2.0", 48], ["eupl-1.1", 44], ["lgpl", 44], ["odbl", 44], ["epl-2.0", 41],
  ["cdla-permissive-1.0", 39], ["cdla-sharing-1.0", 34], ["lgpl-lr", 30], ["isc", 30], ["epl-1.0", 28],
  ["postgresql", 27], ["ncsa", 27], ["lppl-1.3c", 27], ["lgpl-2.1", 24], ["ofl-1.1", 17], ["eupl-1.2", 13],
  ["intel-research", 12], ["fair-noncommercial-research-license", 8],
];

/** Models per language tag (184 ISO 639-1 codes, 458,985 mentions over 258,938 models). */
export const LANGUAGE_COUNTS: ReadonlyArray<readonly [string, number]> = [
  ["en", 221_550], ["zh", 12_917], ["fr", 11_754], ["es", 10_711], ["de", 10_532], ["ja", 8_985],
  ["ko", 8_475], ["it", 8_361], ["pt", 8_284], ["ru", 6_595], ["hi", 5_970], ["ar", 5_058], ["th", 4_564],
  ["id", 3_820], ["tr", 3_759], ["vi", 3_735], ["pl", 3_689], ["nl", 3_195], ["ro", 2_654], ["sv", 2_515],
  ["uk", 2_385], ["cs", 2_362], ["fa", 2_359], ["fi", 2_331], ["ne", 2_216], ["bn", 2_163], ["he", 1_916],
  ["el", 1_904], ["da", 1_859], ["ms", 1_801], ["ta", 1_777], ["ca", 1_684], ["hu", 1_678], ["bg", 1_636],
  ["ur", 1_613], ["sr", 1_509], ["sw", 1_488], ["no", 1_482], ["mr", 1_480], ["te", 1_455], ["et", 1_396],
  ["sl", 1_378], ["my", 1_367], ["ml", 1_347], ["gu", 1_340], ["sk", 1_336], ["gl", 1_305], ["lt", 1_290],
  ["tl", 1_279], ["hr", 1_261], ["km", 1_244], ["eu", 1_236], ["lv", 1_222], ["kn", 1_210], ["is", 1_200],
  ["lo", 1_197], ["pa", 1_182], ["am", 1_105], ["ha", 1_064], ["af", 1_063], ["mn", 1_058], ["ka", 1_047],
  ["cy", 1_018], ["mk", 1_013], ["jv", 1_013], ["as", 1_011], ["kk", 1_002], ["si", 998], ["su", 977],
  ["be", 973], ["hy", 964], ["ga", 940], ["yo", 935], ["az", 926], ["uz", 910], ["sq", 905], ["so", 865],
  ["la", 852], ["yi", 847], ["xh", 825], ["mt", 809], ["bs", 801], ["or", 788], ["sd", 783], ["ps", 777],
  ["mg", 758], ["sa", 732], ["ky", 708], ["eo", 696], ["ig", 669], ["sn", 662], ["ln", 641], ["ku", 625],
  ["br", 620], ["gd", 613], ["ht", 612], ["lb", 595], ["zu", 593], ["nn", 580], ["fy", 539], ["tg", 522],
  ["aa", 513], ["oc", 512], ["wo", 489], ["mi", 481], ["lg", 470], ["rw", 453], ["ny", 448], ["ba", 446],
  ["ug", 446], ["fo", 441], ["bo", 426], ["om", 422], ["tt", 419], ["bm", 397], ["st", 383], ["tn", 383],
  ["tk", 379], ["ak", 379], ["nb", 377], ["dv", 375], ["rn", 335], ["ts", 324], ["tw", 294], ["gn", 271],
  ["ki", 264], ["sm", 252], ["ti", 238], ["co", 234], ["ab", 228], ["ee", 218], ["ss", 217], ["ks", 186],
  ["ff", 186], ["fj", 181], ["sg", 181], ["kg", 180], ["dz", 171], ["qu", 171], ["cv", 161], ["av", 150],
  ["ae", 150], ["ch", 143], ["bi", 142], ["sc", 136], ["li", 134], ["an", 133], ["ce", 132], ["rm", 130],
  ["ay", 119], ["gv", 114], ["os", 109], ["mh", 107], ["se", 106], ["kv", 100], ["ve", 99], ["sh", 94],
  ["wa", 94], ["kj", 94], ["lu", 92], ["to", 89], ["kw", 89], ["nr", 88], ["za", 84], ["ho", 82], ["kl", 81],
  ["iu", 78], ["nv", 77], ["oj", 71], ["kr", 59], ["ia", 57], ["io", 44], ["cu", 36], ["cr", 34], ["vo", 32],
  ["ty", 32], ["na", 27], ["hz", 26], ["ie", 26], ["nd", 26], ["pi", 25], ["ii", 23], ["ik", 23], ["ng", 22],
];
