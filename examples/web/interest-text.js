// The interest page's words in Bahasa Indonesia and English, and its page
// size: used by app.js in the browser and by site.mjs, which renders the
// first page of questions into index.html with the same words.
import { CHROME } from "./ui.js";

/** Statements per page: on a 360 × 740 phone the first one shows on the first screen. */
export const PAGE_SIZE = 5;
/**
 * The time estimate shown before starting: 6 to 10 seconds a statement.
 * A planning figure, not yet measured on this inventory's respondents (see
 * docs/web-demo.md); the instrument's quality rule calls answers faster
 * than 1.5 s a statement too fast.
 */
const SECONDS_PER_ITEM = [6, 10];

const minutes = (n) => SECONDS_PER_ITEM.map((s) => Math.max(1, Math.round((n * s) / 60)));

export const UI = {
  id: {
    ...CHROME.id,
    provisional: "Kuesioner ini masih sementara: belum diuji dan belum punya norma Jawa Tengah. Hasilnya bahan diskusi dengan konselor, bukan untuk menyaring orang.",
    formChoice: "Pilih panjang kuesioner",
    formLabel: (n) => {
      const [a, b] = minutes(n);
      return `${n} pernyataan · sekitar ${a}–${b} menit`;
    },
    counter: (p, n) => `Halaman ${p} dari ${n}`,
    answered: (a, n) => `${a} dari ${n} pernyataan sudah dijawab.`,
    back: "Kembali",
    next: "Lanjut",
    finish: "Lihat hasil",
    missing: (n) => `${n} pernyataan di halaman ini belum dijawab. Pilih satu jawaban untuk masing-masing.`,
    unanswered: "Belum dijawab",
    results: "Hasil Anda",
    resultNote: "Hasil ini menunjukkan minat, bukan kemampuan. Bicarakan dengan konselor sebelum memilih pelatihan.",
    code: "Kode Holland Anda",
    unclear: "Belum ada kode Holland yang jelas",
    unclearFlat: (spread) => `Skor keenam jenis minat berdekatan: selisih yang tertinggi dan yang terendah hanya ${spread} dari 100, jadi urutan hurufnya belum bermakna.`,
    unclearLow: (top) => `Skor tertinggi hanya ${top} dari 100: belum ada jenis minat yang disukai lebih dari "Ragu-ragu".`,
    hexCaption: "Profil minat pada segi enam RIASEC (0–100)",
    scales: "Skor per jenis minat",
    families: "Kelompok pekerjaan yang cocok",
    familiesExplore: "Kelompok pekerjaan untuk dijelajahi",
    filtersTitle: "Saring menurut persiapan dan kebutuhan Anda",
    schooling: "Pendidikan terakhir",
    anySchooling: "Semua jenjang",
    zone: "Persiapan kerja yang dibutuhkan",
    anyZone: "Semua tingkat",
    zones: ["1: sedikit atau tanpa persiapan", "2: sedikit persiapan", "3: persiapan sedang", "4: banyak persiapan", "5: persiapan panjang"],
    zoneOf: (z) => `Persiapan tingkat ${z} dari 5`,
    access: "Hanya pekerjaan dengan catatan aksesibilitas untuk",
    accessNames: { tuli: "Tuli", netra: "Netra (tunanetra atau penglihatan rendah)", daksa: "Daksa (disabilitas fisik)", intelektual: "Intelektual", psikososial: "Psikososial" },
    shown: (n, all) => (n === 0 ? "Tidak ada kelompok pekerjaan yang sesuai dengan saringan ini. Kurangi saringan." : `Menampilkan ${n} kelompok pekerjaan teratas dari ${all} yang sesuai.`),
    fit: (s) => `Kecocokan ${s} dari 100`,
    training: "Jalur pelatihan",
    accessibility: "Aksesibilitas",
    nextSteps: "Langkah berikutnya",
    hexTitle: "Segi enam RIASEC",
    hexDesc: (parts) => `Skor minat: ${parts}.`,
    print: "Cetak atau simpan PDF",
    save: "Unduh jawaban untuk konselor",
    again: "Ubah jawaban",
    restart: "Mulai dari awal",
    restartConfirm: "Hapus semua jawaban di perangkat ini dan mulai dari awal?",
    failed: "Maaf, mesin penilai tidak dapat dimuat. Jawaban Anda tetap tersimpan di perangkat ini. Periksa sambungan lalu muat ulang halaman.",
    loadingEngine: "Mesin penilai sedang dimuat; Anda sudah bisa mulai menjawab.",
    waiting: "Mesin penilai masih dimuat. Hasil muncul sebentar lagi.",
    scored: "Hasil sudah siap.",
    resumed: (a, n) => `Jawaban tersimpan dipulihkan: ${a} dari ${n}.`,
  },
  en: {
    ...CHROME.en,
    provisional: "This questionnaire is provisional: not yet tried out and without Central Java norms. Use the results to talk with a counsellor, not to screen people out.",
    formChoice: "Choose the length of the questionnaire",
    formLabel: (n) => {
      const [a, b] = minutes(n);
      return `${n} statements · about ${a}–${b} minutes`;
    },
    counter: (p, n) => `Page ${p} of ${n}`,
    answered: (a, n) => `${a} of ${n} statements answered.`,
    back: "Back",
    next: "Next",
    finish: "See results",
    missing: (n) => `${n} statements on this page are not answered yet. Choose one answer for each.`,
    unanswered: "Not answered yet",
    results: "Your results",
    resultNote: "These results show interests, not abilities. Talk with a counsellor before choosing training.",
    code: "Your Holland code",
    unclear: "No clear Holland code yet",
    unclearFlat: (spread) => `The six interest scores are close: the highest and the lowest are only ${spread} apart out of 100, so the order of the letters means little yet.`,
    unclearLow: (top) => `The highest score is only ${top} out of 100: no kind of interest is liked more than "Not sure" yet.`,
    hexCaption: "Interest profile on the RIASEC hexagon (0–100)",
    scales: "Scores by interest type",
    families: "Job families that fit",
    familiesExplore: "Job families to explore",
    filtersTitle: "Narrow by your preparation and needs",
    schooling: "Highest schooling",
    anySchooling: "Any level",
    zone: "Preparation the work needs",
    anyZone: "Any level",
    zones: ["1: little or no preparation", "2: some preparation", "3: medium preparation", "4: considerable preparation", "5: extensive preparation"],
    zoneOf: (z) => `Preparation level ${z} of 5`,
    access: "Only work with accessibility notes for",
    accessNames: { tuli: "Deaf", netra: "Blind or low vision", daksa: "Physical disability", intelektual: "Intellectual disability", psikososial: "Psychosocial disability" },
    shown: (n, all) => (n === 0 ? "No job family matches these filters. Remove a filter." : `Showing the top ${n} of ${all} matching job families.`),
    fit: (s) => `Fit ${s} out of 100`,
    training: "Training routes",
    accessibility: "Accessibility",
    nextSteps: "Next steps",
    hexTitle: "RIASEC hexagon",
    hexDesc: (parts) => `Interest scores: ${parts}.`,
    print: "Print or save as PDF",
    save: "Download answers for a counsellor",
    again: "Change answers",
    restart: "Start over",
    restartConfirm: "Delete all answers on this device and start over?",
    failed: "Sorry, the scoring engine could not be loaded. Your answers are still saved on this device. Check the connection and reload the page.",
    loadingEngine: "The scoring engine is loading; you can start answering.",
    waiting: "The scoring engine is still loading. Your results will appear shortly.",
    scored: "Your results are ready.",
    resumed: (a, n) => `Saved answers restored: ${a} of ${n}.`,
  },
};
