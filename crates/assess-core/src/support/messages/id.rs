//! Bahasa Indonesia: the primary language, and the fallback for every
//! language without a table of its own.

use super::{Messages, Notices};

/// The messages in Bahasa Indonesia (`id`).
pub static ID: Messages = Messages {
    type_realistic: "Realistis",
    type_investigative: "Investigatif",
    type_artistic: "Artistik",
    type_social: "Sosial",
    type_enterprising: "Wirausaha",
    type_conventional: "Konvensional",

    profile_note_low: "Belum ada jenis pekerjaan yang menonjol disukai. Bicarakan kegiatan sehari-hari yang disukai, dan coba kegiatan singkat sebelum memilih pelatihan.",
    profile_note_flat: "Minatnya hampir sama kuat untuk banyak jenis pekerjaan. Jelajahi dua atau tiga kelompok pekerjaan bersama, dan gunakan hasil bakat dan kesiapan kerja untuk mempersempit pilihan.",

    not_scorable_items: "terlalu banyak butir tidak dijawab: {missing} dari {items} kosong; paling banyak {allowed} boleh kosong",
    not_scorable_components: "terlalu banyak skala komponen tidak dapat dinilai: {missing} dari {components}; paling banyak {allowed} boleh kosong",

    flag_low_completion: "hanya {answered} dari {presented} butir dijawab",
    flag_longstring: "{run} jawaban sama berturut-turut; tanyakan apakah pertanyaan dibaca dengan teliti",
    flag_low_variability: "jawaban hampir tidak bervariasi",
    flag_too_fast: "rata-rata (median) {seconds} detik per butir; mungkin dijawab terlalu cepat",
    flag_identical_answers: "semua jawaban sama",

    flag_label_low_completion: "sedikit butir dijawab",
    flag_label_longstring: "jawaban sama berturut-turut",
    flag_label_low_variability: "jawaban kurang bervariasi",
    flag_label_too_fast: "terlalu cepat",
    flag_label_identical_answers: "semua jawaban sama",

    full_form: "Bentuk lengkap",
    status_name_draft: "draf",
    status_name_provisional: "sementara",
    status_name_validated: "tervalidasi",

    decimal_mark: ",",
    explain_interests: "Minat tertinggi Anda adalah {interests}.",
    explain_unclear_flat: "Jawaban Anda belum membedakan satu jenis minat dari yang lain, jadi kelompok pekerjaan ini adalah salah satu contoh untuk dijelajahi, bukan pilihan teratas.",
    explain_unclear_low: "Belum ada jenis minat yang jelas Anda sukai, jadi kelompok pekerjaan ini adalah salah satu contoh untuk dijelajahi, bukan pilihan teratas.",
    explain_code: "Kode kelompok pekerjaan ini {code}.",
    explain_code_letters: "Kode kelompok pekerjaan ini {code}: {letters}.",
    explain_shared_all: "Semua hurufnya termasuk tiga minat tertinggi Anda: {shared}.",
    explain_shared_some: "Yang termasuk tiga minat tertinggi Anda: {shared}; yang tidak: {unshared}.",
    explain_shared_none: "Tidak satu pun hurufnya termasuk tiga minat tertinggi Anda: {unshared}.",
    explain_activities: "Pekerjaan ini banyak {activities}.",
    recommend_note_flat: "Jawaban belum membedakan satu jenis minat dari yang lain, jadi kelompok pekerjaan berikut adalah contoh untuk dijelajahi, bukan peringkat.",
    recommend_note_low: "Belum ada minat yang tinggi, jadi kelompok pekerjaan berikut adalah contoh untuk dijelajahi, bukan peringkat.",
    list_and: " dan ",
    training_blk: "pelatihan BLK",
    training_apprenticeship: "magang",
    training_certification: "sertifikasi kompetensi",
    training_course: "kursus",
    training_mentoring: "pendampingan",
    explain_practise: "Sebaiknya latih dulu {aptitudes}.",
    explain_strengthen: "Kuatkan juga: {competencies}.",
};

/// The notices in Bahasa Indonesia (`id`).
pub static ID_NOTICES: Notices = Notices {
    status_draft: "Draf: instrumen ini masih dikembangkan dan belum untuk dipakai dengan responden. Hasilnya hanya untuk uji coba.",
    status_provisional: "Sementara — belum dinormakan pada responden Jawa Tengah. Hasil ini untuk bahan diskusi dengan konselor, bukan untuk menyaring atau memutuskan.",
    status_validated: "Tervalidasi pada populasi yang dilayani. Hasil tetap untuk eksplorasi dan konseling, bukan untuk menyaring orang.",
    consistency_with_code: "Konsistensi {code}: {meaning}",
    consistency_without_code: "Konsistensi {meaning}",
    consistency_unclear: "Konsistensi tidak dibaca: karena belum ada minat yang menonjol, dua huruf pertama kode belum bermakna.",
    consistency_high: "tinggi: kedua minat teratas bertetangga pada heksagon Holland dan saling mendukung, sehingga mudah ditemukan bersama dalam satu jenis pekerjaan.",
    consistency_medium: "sedang: kedua minat teratas berselang satu pada heksagon; ada pekerjaan yang memadukan keduanya, tetapi perlu dicari bersama.",
    consistency_low: "rendah: kedua minat teratas berseberangan pada heksagon. Ini bukan kekurangan; bicarakan mana yang lebih penting, atau pekerjaan dan kegiatan yang memberi ruang bagi keduanya.",
    differentiation_low: "Diferensiasi: semua minat rendah (tertinggi di bawah {limit} dari 100). Belum ada bidang yang menonjol.",
    differentiation_flat: "Diferensiasi rendah: selisih minat terkuat dan terlemah hanya {gap} poin dari 100 (kurang dari {limit}); banyak bidang disukai hampir sama kuat.",
    differentiation_clear: "Diferensiasi jelas: selisih minat terkuat dan terlemah {gap} poin dari 100; minat utamanya dapat dijadikan titik awal.",
};
