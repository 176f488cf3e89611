#!/usr/bin/env python3
"""Source of instruments/aptitude.toml: 40 ability items in four domains,
written for this project (not from any published test). Each item:
(stem_id, stem_en, [(opt_id, opt_en) x4], key index 0-3, a, b).
IRT parameters are expert judgement (3PL, c = 0.2), not calibrated.
Run `python3 instruments/src/aptitude_items.py > instruments/aptitude.toml`.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tomlgen import band, q, t  # noqa: E402


N = [
 ("Harga satu bungkus mi Rp3.500. Berapa harga 2 bungkus?", "One packet of noodles costs Rp3,500. How much do 2 packets cost?",
  [("Rp5.000", "Rp5,000"), ("Rp7.000", "Rp7,000"), ("Rp6.500", "Rp6,500"), ("Rp7.500", "Rp7,500")], 1, 1.0, -2.0),
 ("Anda membayar Rp20.000 untuk belanja Rp13.000. Berapa uang kembaliannya?", "You pay Rp20,000 for shopping that costs Rp13,000. How much change do you get?",
  [("Rp7.000", "Rp7,000"), ("Rp8.000", "Rp8,000"), ("Rp33.000", "Rp33,000"), ("Rp6.000", "Rp6,000")], 0, 1.1, -1.6),
 ("Satu karung beras beratnya 25 kg. Berapa berat 4 karung?", "One sack of rice weighs 25 kg. How much do 4 sacks weigh?",
  [("29 kg", "29 kg"), ("75 kg", "75 kg"), ("100 kg", "100 kg"), ("125 kg", "125 kg")], 2, 1.2, -1.3),
 ("Kain sepanjang 3 meter dipotong menjadi 6 bagian yang sama panjang. Berapa panjang setiap bagian?", "3 metres of cloth is cut into 6 pieces of equal length. How long is each piece?",
  [("2 m", "2 m"), ("30 cm", "30 cm"), ("18 cm", "18 cm"), ("50 cm", "50 cm")], 3, 1.3, -0.7),
 ("Harga sebuah baju Rp80.000. Ada diskon 25%. Berapa harga setelah diskon?", "A shirt costs Rp80,000. There is a 25% discount. What is the price after the discount?",
  [("Rp60.000", "Rp60,000"), ("Rp55.000", "Rp55,000"), ("Rp20.000", "Rp20,000"), ("Rp75.000", "Rp75,000")], 0, 1.4, -0.2),
 ("Seorang penjahit menyelesaikan 12 baju dalam 3 jam. Dengan kecepatan yang sama, berapa baju selesai dalam 8 jam?", "A tailor finishes 12 shirts in 3 hours. At the same speed, how many shirts are finished in 8 hours?",
  [("24", "24"), ("32", "32"), ("36", "36"), ("28", "28")], 1, 1.3, 0.2),
 ("Resep untuk 4 orang memakai 300 gram tepung. Berapa gram tepung untuk 10 orang?", "A recipe for 4 people uses 300 grams of flour. How many grams are needed for 10 people?",
  [("600 gram", "600 grams"), ("700 gram", "700 grams"), ("750 gram", "750 grams"), ("1.200 gram", "1,200 grams")], 2, 1.5, 0.6),
 ("Upah harian Rp95.000. Bulan ini Anda bekerja 22 hari dan lembur 5 jam dengan upah lembur Rp15.000 per jam. Berapa penghasilan bulan ini?", "The daily wage is Rp95,000. This month you work 22 days and 5 hours of overtime paid at Rp15,000 an hour. What do you earn this month?",
  [("Rp2.090.000", "Rp2,090,000"), ("Rp2.165.000", "Rp2,165,000"), ("Rp2.240.000", "Rp2,240,000"), ("Rp2.105.000", "Rp2,105,000")], 1, 1.5, 1.0),
 ("Harga gula naik dari Rp14.000 menjadi Rp16.100 per kg. Berapa persen kenaikannya?", "The price of sugar goes up from Rp14,000 to Rp16,100 per kg. By what percentage did it rise?",
  [("21%", "21%"), ("13%", "13%"), ("2,1%", "2.1%"), ("15%", "15%")], 3, 1.6, 1.4),
 ("Pedagang membeli 50 kg cabai seharga Rp1.500.000. Sebanyak 10% cabai busuk dan dibuang. Sisanya dijual Rp40.000 per kg. Berapa keuntungannya?", "A trader buys 50 kg of chillies for Rp1,500,000. 10% of the chillies rot and are thrown away. The rest is sold at Rp40,000 per kg. What is the profit?",
  [("Rp500.000", "Rp500,000"), ("Rp200.000", "Rp200,000"), ("Rp300.000", "Rp300,000"), ("Rp1.800.000", "Rp1,800,000")], 2, 1.7, 1.9),
]

V = [
 ("Papan di gudang bertuliskan: \u201cDilarang merokok.\u201d Apa artinya?", "A sign in the warehouse says: \u201cNo smoking.\u201d What does it mean?",
  [("Boleh merokok di gudang setelah jam kerja", "Smoking is allowed in the warehouse after working hours"), ("Tidak boleh merokok di gudang", "Smoking is not allowed in the warehouse"), ("Rokok dijual di gudang", "Cigarettes are sold in the warehouse"), ("Hanya atasan yang boleh merokok di gudang", "Only supervisors may smoke in the warehouse")], 1, 1.0, -2.0),
 ("Pesan dari atasan: \u201cBesok masuk pukul 07.00, bawa seragam.\u201d Apa yang harus Anda lakukan?", "A message from your supervisor: \u201cTomorrow start at 07:00, bring your uniform.\u201d What should you do?",
  [("Datang pukul 07.00 dan membawa seragam", "Arrive at 07:00 and bring the uniform"), ("Datang pukul 09.00 tanpa seragam", "Arrive at 09:00 without the uniform"), ("Membeli seragam baru", "Buy a new uniform"), ("Libur besok", "Take tomorrow off")], 0, 1.1, -1.7),
 ("Dalam kalimat \u201cPeriksa barang dengan teliti\u201d, kata \u201cteliti\u201d paling dekat artinya dengan kata apa?", "In the sentence \u201cPeriksa barang dengan teliti\u201d (check the goods carefully), which word is closest in meaning to \u201cteliti\u201d?",
  [("cepat", "cepat (quickly)"), ("kasar", "kasar (roughly)"), ("sendiri", "sendiri (alone)"), ("cermat", "cermat (thoroughly)")], 3, 1.2, -1.0),
 ("Petunjuk mesin: \u201cMatikan mesin sebelum membersihkan pisau.\u201d Kapan pisau boleh dibersihkan?", "Machine instructions: \u201cSwitch the machine off before cleaning the blade.\u201d When may the blade be cleaned?",
  [("Saat mesin berjalan pelan", "While the machine runs slowly"), ("Kapan saja asal hati-hati", "Any time, as long as you are careful"), ("Setelah mesin dimatikan", "After the machine has been switched off"), ("Saat atasan sedang melihat", "While the supervisor is watching")], 2, 1.3, -0.9),
 ("Pengumuman: \u201cPelatihan menjahit di BLK terbuka untuk umur 18\u201330 tahun. Daftar paling lambat 15 Mei di kantor BLK. Gratis.\u201d Siapa yang BISA mendaftar?", "Notice: \u201cSewing training at the BLK is open to people aged 18\u201330. Register by 15 May at the BLK office. Free.\u201d Who CAN register?",
  [("Rina, umur 17 tahun, mendaftar 10 Mei", "Rina, aged 17, registering on 10 May"), ("Budi, umur 25 tahun, mendaftar 20 Mei", "Budi, aged 25, registering on 20 May"), ("Sari, umur 28 tahun, mendaftar 12 Mei", "Sari, aged 28, registering on 12 May"), ("Eko, umur 32 tahun, mendaftar 1 Mei", "Eko, aged 32, registering on 1 May")], 2, 1.4, -0.3),
 ("Pesan pelanggan: \u201cKirim 3 kotak teh, tapi jangan yang rasa melati.\u201d Apa yang harus dikirim?", "A customer's message: \u201cSend 3 boxes of tea, but not the jasmine flavour.\u201d What should be sent?",
  [("3 kotak teh yang bukan rasa melati", "3 boxes of tea that are not jasmine flavour"), ("3 kotak teh rasa melati", "3 boxes of jasmine tea"), ("2 kotak teh melati dan 1 kotak teh lain", "2 boxes of jasmine tea and 1 box of another tea"), ("3 kotak teh rasa apa saja", "3 boxes of tea of any flavour")], 0, 1.3, 0.0),
 ("Aturan toko: \u201cBarang dapat ditukar dalam 7 hari setelah dibeli, jika membawa struk dan barang belum dipakai.\u201d Sepatu mana yang BOLEH ditukar?", "Shop rule: \u201cGoods can be exchanged within 7 days of purchase, with the receipt, if they have not been used.\u201d Which shoes MAY be exchanged?",
  [("Dibeli 10 hari lalu, belum dipakai, ada struk", "Bought 10 days ago, not used, with the receipt"), ("Dibeli 2 hari lalu, sudah dipakai, ada struk", "Bought 2 days ago, already used, with the receipt"), ("Dibeli 5 hari lalu, belum dipakai, struk hilang", "Bought 5 days ago, not used, receipt lost"), ("Dibeli 3 hari lalu, belum dipakai, ada struk", "Bought 3 days ago, not used, with the receipt")], 3, 1.5, 0.5),
 ("Kalimat mana yang artinya SAMA dengan: \u201cSemua pekerja wajib memakai helm di area proyek\u201d?", "Which sentence means the SAME as: \u201cAll workers must wear a helmet in the project area\u201d?",
  [("Di area proyek, tidak ada pekerja yang boleh tanpa helm", "In the project area, no worker may be without a helmet"), ("Pekerja boleh memilih memakai helm atau tidak", "Workers may choose whether to wear a helmet"), ("Helm hanya untuk atasan", "Helmets are only for supervisors"), ("Helm wajib dipakai di luar area proyek", "Helmets must be worn outside the project area")], 0, 1.5, 0.9),
 ("Petunjuk: \u201cCuci tangan, pakai sarung tangan, lalu ambil adonan. Setelah selesai, lepas sarung tangan dan buang ke tempat sampah merah.\u201d Apa yang dilakukan TEPAT sebelum mengambil adonan?", "Instructions: \u201cWash your hands, put on gloves, then take the dough. When finished, take the gloves off and put them in the red bin.\u201d What do you do JUST BEFORE taking the dough?",
  [("Mencuci tangan", "Wash your hands"), ("Memakai sarung tangan", "Put on gloves"), ("Membuang sarung tangan", "Throw the gloves away"), ("Melepas sarung tangan", "Take the gloves off")], 1, 1.6, 1.2),
 ("Pengumuman: \u201cKarena listrik padam, shift malam hari ini dipindah ke besok pagi. Pekerja shift pagi besok tetap masuk seperti biasa.\u201d Mana yang benar?", "Notice: \u201cBecause of a power cut, tonight's night shift moves to tomorrow morning. Tomorrow's morning-shift workers still come in as usual.\u201d Which is true?",
  [("Shift pagi besok dibatalkan", "Tomorrow's morning shift is cancelled"), ("Shift malam tetap bekerja malam ini", "The night shift still works tonight"), ("Besok pagi pekerja shift malam dan shift pagi sama-sama masuk", "Tomorrow morning both the night-shift and the morning-shift workers come in"), ("Besok pagi hanya pekerja shift malam yang masuk", "Tomorrow morning only the night-shift workers come in")], 2, 1.6, 1.7),
]

K = [
 ("Mana yang SAMA dengan kode \u201cBRT-4521\u201d?", "Which one is the SAME as the code \u201cBRT-4521\u201d?",
  [("BRT-4512", "BRT-4512"), ("BTR-4521", "BTR-4521"), ("BRT-4521", "BRT-4521"), ("BRT-4251", "BRT-4251")], 2, 1.0, -1.9),
 ("Nama mana yang BERBEDA dari yang lain?", "Which name is DIFFERENT from the others?",
  [("Siti Aminah", "Siti Aminah"), ("Siti Aminah", "Siti Aminah"), ("Siti Aminah", "Siti Aminah"), ("Siti Amina", "Siti Amina")], 3, 1.1, -1.5),
 ("Nomor pesanan di nota: 0857-2231. Nomor mana yang harus Anda cari di rak?", "The order number on the slip is 0857-2231. Which number must you look for on the shelf?",
  [("0857-2213", "0857-2213"), ("0857-2231", "0857-2231"), ("0875-2231", "0875-2231"), ("0857-2321", "0857-2321")], 1, 1.2, -1.1),
 ("Alamat di paket: \u201cJl. Merpati No. 17, RT 03/RW 05, Desa Sumberejo\u201d. Alamat mana yang SAMA?", "The address on a parcel: \u201cJl. Merpati No. 17, RT 03/RW 05, Desa Sumberejo\u201d. Which address is the SAME?",
  [("Jl. Merpati No. 17, RT 03/RW 05, Desa Sumberejo", "Jl. Merpati No. 17, RT 03/RW 05, Desa Sumberejo"), ("Jl. Merpati No. 71, RT 03/RW 05, Desa Sumberejo", "Jl. Merpati No. 71, RT 03/RW 05, Desa Sumberejo"), ("Jl. Merpati No. 17, RT 05/RW 03, Desa Sumberejo", "Jl. Merpati No. 17, RT 05/RW 03, Desa Sumberejo"), ("Jl. Merpati No. 17, RT 03/RW 05, Desa Sumberrejo", "Jl. Merpati No. 17, RT 03/RW 05, Desa Sumberrejo")], 0, 1.3, -0.6),
 ("Urutkan kode ini dari yang terkecil: K-210, K-102, K-120, K-201. Kode mana yang berada di urutan ketiga?", "Sort these codes from the smallest: K-210, K-102, K-120, K-201. Which code comes third?",
  [("K-120", "K-120"), ("K-210", "K-210"), ("K-102", "K-102"), ("K-201", "K-201")], 3, 1.3, -0.1),
 ("Berapa pasangan yang SAMA persis? (1) 7731 \u2013 7731; (2) AB12 \u2013 AB21; (3) JTG-09 \u2013 JTG-09; (4) 5580 \u2013 5508", "How many pairs are EXACTLY the same? (1) 7731 \u2013 7731; (2) AB12 \u2013 AB21; (3) JTG-09 \u2013 JTG-09; (4) 5580 \u2013 5508",
  [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")], 1, 1.4, 0.3),
 ("Menurut urutan abjad, nama mana yang berada di urutan PERTAMA?", "In alphabetical order, which name comes FIRST?",
  [("Suparno", "Suparno"), ("Suprapto", "Suprapto"), ("Supardi", "Supardi"), ("Suparmi", "Suparmi")], 2, 1.4, 0.7),
 ("Daftar stok: Sabun 24, Sampo 18, Sikat 30. Hitungan di rak: Sabun 24, Sampo 16, Sikat 30. Barang mana yang tidak cocok, dan berapa selisihnya?", "The stock list says: Soap 24, Shampoo 18, Brushes 30. The shelf count is: Soap 24, Shampoo 16, Brushes 30. Which item does not match, and by how much?",
  [("Sabun, selisih 2", "Soap, by 2"), ("Sikat, selisih 6", "Brushes, by 6"), ("Sampo, selisih 8", "Shampoo, by 8"), ("Sampo, selisih 2", "Shampoo, by 2")], 3, 1.5, 1.0),
 ("Kode barang = 2 huruf pertama nama barang + ukuran + tahun. Contoh: Kaos ukuran L tahun 2025 \u2192 KA-L-2025. Apa kode untuk Celana ukuran M tahun 2026?", "Item code = first 2 letters of the item's Indonesian name + size + year. Example: Kaos (T-shirt), size L, 2025 \u2192 KA-L-2025. What is the code for Celana (trousers), size M, 2026?",
  [("CE-M-2026", "CE-M-2026"), ("CL-M-2026", "CL-M-2026"), ("CE-2026-M", "CE-2026-M"), ("CE-M-2025", "CE-M-2025")], 0, 1.5, 1.4),
 ("Tanggal ditulis tanggal/bulan/tahun. Daftar mana yang urut dari tanggal paling lama?", "Dates are written day/month/year. Which list is in order from the oldest date?",
  [("03/02/2026, 12/01/2026, 25/02/2026", "03/02/2026, 12/01/2026, 25/02/2026"), ("12/01/2026, 03/02/2026, 25/02/2026", "12/01/2026, 03/02/2026, 25/02/2026"), ("12/01/2026, 25/02/2026, 03/02/2026", "12/01/2026, 25/02/2026, 03/02/2026"), ("25/02/2026, 03/02/2026, 12/01/2026", "25/02/2026, 03/02/2026, 12/01/2026")], 1, 1.6, 1.8),
]

L = [
 ("Lanjutkan deret ini: 2, 4, 6, 8, \u2026", "Continue the sequence: 2, 4, 6, 8, \u2026",
  [("9", "9"), ("10", "10"), ("12", "12"), ("16", "16")], 1, 1.0, -2.0),
 ("Semua pekerja shift pagi mulai bekerja pukul 07.00. Ani pekerja shift pagi. Pukul berapa Ani mulai bekerja?", "All morning-shift workers start work at 07:00. Ani works the morning shift. What time does Ani start work?",
  [("07.00", "07:00"), ("08.00", "08:00"), ("14.00", "14:00"), ("Tidak bisa diketahui", "It cannot be known")], 0, 1.1, -1.6),
 ("Roda gigi A berputar searah jarum jam dan bersentuhan langsung dengan roda gigi B. Ke arah mana roda gigi B berputar?", "Gear A turns clockwise and meshes directly with gear B. Which way does gear B turn?",
  [("Searah jarum jam", "Clockwise"), ("Tidak berputar", "It does not turn"), ("Berlawanan arah jarum jam", "Anticlockwise"), ("Kadang searah, kadang berlawanan", "Sometimes one way, sometimes the other")], 2, 1.3, -0.8),
 ("Lanjutkan deret ini: 3, 6, 12, 24, \u2026", "Continue the sequence: 3, 6, 12, 24, \u2026",
  [("30", "30"), ("36", "36"), ("27", "27"), ("48", "48")], 3, 1.3, -0.5),
 ("Anda mengangkat batu besar dengan tuas (pengungkit). Di mana titik tumpu sebaiknya diletakkan agar tenaga yang dibutuhkan paling kecil?", "You lift a heavy rock with a lever. Where should the pivot go so that the least force is needed?",
  [("Dekat dengan batu", "Close to the rock"), ("Di tengah tuas", "In the middle of the lever"), ("Dekat dengan tangan Anda", "Close to your hands"), ("Letaknya tidak berpengaruh", "Where it goes makes no difference")], 0, 1.4, 0.0),
 ("Hari ini hari Rabu. Hari apakah 10 hari lagi?", "Today is Wednesday. What day will it be in 10 days?",
  [("Jumat", "Friday"), ("Sabtu", "Saturday"), ("Minggu", "Sunday"), ("Senin", "Monday")], 1, 1.4, 0.4),
 ("Ada empat pekerja: Ani, Budi, Citra, Dedi. Budi datang sebelum Ani. Citra datang setelah Ani. Dedi datang paling awal. Siapa yang datang paling akhir?", "Four workers: Ani, Budi, Citra, Dedi. Budi arrives before Ani. Citra arrives after Ani. Dedi arrives first. Who arrives last?",
  [("Ani", "Ani"), ("Budi", "Budi"), ("Citra", "Citra"), ("Dedi", "Dedi")], 2, 1.5, 0.8),
 ("Tangki penuh berisi 600 liter air. Air keluar 20 liter per menit, dan pada saat yang sama air masuk 5 liter per menit. Berapa menit sampai tangki kosong?", "A full tank holds 600 litres of water. Water flows out at 20 litres a minute while 5 litres a minute flow in. How many minutes until the tank is empty?",
  [("30 menit", "30 minutes"), ("24 menit", "24 minutes"), ("120 menit", "120 minutes"), ("40 menit", "40 minutes")], 3, 1.6, 1.2),
 ("Lanjutkan deret ini: 1, 4, 9, 16, 25, \u2026", "Continue the sequence: 1, 4, 9, 16, 25, \u2026",
  [("36", "36"), ("30", "30"), ("35", "35"), ("49", "49")], 0, 1.6, 1.3),
 ("Semua kain katun di gudang ini berwarna putih. Sebagian kain di gudang ini adalah katun. Mana yang PASTI benar?", "All the cotton cloth in this warehouse is white. Some of the cloth in this warehouse is cotton. Which is CERTAINLY true?",
  [("Semua kain di gudang ini berwarna putih", "All the cloth in this warehouse is white"), ("Sebagian kain di gudang ini berwarna putih", "Some of the cloth in this warehouse is white"), ("Semua kain putih adalah katun", "All white cloth is cotton"), ("Tidak ada kain katun di gudang ini", "There is no cotton cloth in this warehouse")], 1, 1.8, 1.9),
]

DOMAINS = [
 ("numerik", "N", N, "Penalaran Angka", "Numerical reasoning",
  "Menghitung uang, ukuran dan persen dalam pekerjaan sehari-hari.", "Working with money, measures and percentages in everyday work.",
  ("Ikuti kelas berhitung dasar untuk kerja (misalnya di BLK) dan berlatih menghitung uang dan ukuran.", "Join a basic numeracy-for-work class (for example at a BLK) and practise with money and measures."),
  ("Latih soal persen dan perbandingan agar lebih lancar.", "Practise percentages and ratios to become more fluent."),
  ("Kemampuan angka Anda cocok untuk pekerjaan kasir, gudang atau administrasi.", "Your number skills suit cashier, warehouse or administrative work.")),
 ("verbal", "V", V, "Memahami Bacaan Kerja", "Verbal reasoning and reading",
  "Memahami petunjuk, pengumuman dan pesan singkat di tempat kerja.", "Understanding instructions, notices and short messages at work.",
  ("Berlatih membaca petunjuk kerja dan pengumuman pendek bersama pendamping.", "Practise reading work instructions and short notices with a mentor."),
  ("Biasakan membaca petunjuk sampai selesai sebelum bekerja.", "Make a habit of reading instructions to the end before starting work."),
  ("Anda memahami petunjuk kerja dengan baik; ini membantu di semua bidang kerja.", "You understand work instructions well; this helps in every field of work.")),
 ("klerikal", "K", K, "Ketelitian Administrasi", "Clerical speed and accuracy",
  "Membandingkan kode, nama, alamat dan angka dengan teliti.", "Comparing codes, names, addresses and numbers accurately.",
  ("Berlatih mencocokkan kode dan daftar barang pelan-pelan, lalu periksa ulang.", "Practise matching codes and stock lists slowly, then check again."),
  ("Latih kebiasaan memeriksa ulang pekerjaan administrasi.", "Build the habit of double-checking administrative work."),
  ("Ketelitian Anda cocok untuk gudang, administrasi dan kontrol mutu.", "Your accuracy suits warehouse, administrative and quality-control work.")),
 ("logika", "L", L, "Penalaran Logis dan Mekanis", "Logical and mechanical reasoning",
  "Melihat pola, mengikuti aturan dan memahami cara kerja alat sederhana.", "Seeing patterns, following rules and understanding how simple tools work.",
  ("Berlatih soal pola dan urutan, dan minta dijelaskan cara kerja alat di tempat latihan.", "Practise pattern and sequence puzzles, and ask to have tools explained during training."),
  ("Latih memecahkan soal langkah demi langkah.", "Practise working problems out step by step."),
  ("Penalaran Anda cocok untuk pekerjaan teknik, mesin dan perbaikan.", "Your reasoning suits technical, machine and repair work.")),
]




BANDS = [("perlu_latihan", 0.0, 40.0, "Perlu latihan", "Needs practice"),
         ("cukup", 40.0, 70.0, "Cukup", "Fair"),
         ("baik", 70.0, 100.0, "Baik", "Good")]
INTERP = [("Sebagian besar soal di bagian ini belum terjawab benar.", "Most questions in this part were not yet answered correctly."),
          ("Sekitar separuh soal atau lebih terjawab benar.", "About half of the questions or more were answered correctly."),
          ("Sebagian besar soal terjawab benar.", "Most questions were answered correctly.")]

out = []
w = out.append
w("""# Tes Bakat Kerja — the aptitude battery of assess.
#
# 40 four-option items in four domains (numerical, verbal/reading, clerical,
# logical-mechanical), 10 each, easy to hard. Every item was written for
# this project; none is taken from a published test. Untimed.
# The file is generated from instruments/src/aptitude_items.py.
#
# Status: provisional. The items have not been tried on respondents. The
# IRT parameters are the item writers' judgement (3PL, c = 0.2 for four
# options), NOT a calibration: replace them with calibrated values once
# data exist. Bands are criterion-referenced (percent correct), not norms.
format = 1

[instrument]
id = "aptitude"
version = "0.1.0"
kind = "aptitude"
languages = ["id", "en"]
status = "provisional"
source = "Items written for this project in 2026; not yet tried on respondents. IRT parameters set by expert judgement, not calibrated. Bands are percent-correct cut points, not norms."
licence = "CC-BY-4.0"
""")
w("title = " + t("Tes Bakat Kerja", "Work Aptitude Test"))
w("description = " + t("Soal-soal singkat tentang angka, bacaan kerja, ketelitian dan penalaran.", "Short questions on numbers, reading at work, accuracy and reasoning."))
w("instructions = " + t("Pilih satu jawaban yang paling benar untuk setiap soal. Tidak ada batas waktu. Boleh melewati soal yang sulit.", "Choose the one best answer to each question. There is no time limit. You may skip a question that is hard."))
w("""
[quality]
min_completion = 0.7
max_longstring = 8
min_seconds_per_item = 3.0

[irt]
status = "provisional"
source = "Expert judgement by the item writers (2026); not calibrated on respondents. Replace with calibrated values from the first data collection."
scaling = 1.0
estimator = "eap"
quadrature = { points = 61, min = -4.0, max = 4.0 }
prior = { mean = 0.0, sd = 1.0 }
extreme = "eap"

[formats.pilihan4]
type = "single_choice"
shuffle = true
""")
for sid, _, _, ni, ne, di, de, s1, s2, s3 in DOMAINS:
    w(f"""[[scales]]
id = "{sid}"
name = {t(ni, ne)}
description = {t(di, de)}
scoring = "sum"
missing = {{ max = 2, prorate = true }}
bands_on = "pomp"
""")
    for (bid, lo, hi, li, le), interp, step in zip(BANDS, INTERP, [s1, s2, s3]):
        w(band(bid, lo, hi, (li, le), interp, step))
w(f"""[[scales]]
id = "total"
name = {t("Kemampuan Umum", "General ability")}
description = {t("Rata-rata persen benar dari keempat bagian.", "The mean percent correct over the four parts.")}
composite = ["numerik", "verbal", "klerikal", "logika"]
missing = {{ max = 1 }}
bands_on = "score"
""")
TOTAL = [
    (("Secara keseluruhan, sebagian besar soal belum terjawab benar.", "Overall, most questions were not yet answered correctly."),
     ("Bicarakan dengan konselor bagian mana yang paling perlu dilatih; kelas dasar di BLK dapat membantu.", "Discuss with a counsellor which part needs practice most; a basic class at a BLK can help.")),
    (("Secara keseluruhan, sekitar separuh soal atau lebih terjawab benar.", "Overall, about half of the questions or more were answered correctly."),
     ("Lihat bagian yang masih “cukup” dan latih bagian itu sambil memilih pelatihan kerja.", "Look at the parts that are still “fair” and practise them while choosing job training.")),
    (("Secara keseluruhan, sebagian besar soal terjawab benar.", "Overall, most questions were answered correctly."),
     ("Kemampuan umum Anda baik; pilih pelatihan sesuai minat Anda.", "Your general ability is good; choose training that matches your interests.")),
]
for (bid, lo, hi, li, le), (interp, step) in zip(BANDS, TOTAL):
    w(band(bid, lo, hi, (li, le), interp, step))
keys = "ABCD"
for sid, pre, items, *_ in DOMAINS:
    for n, (si, se, opts, key, a, b) in enumerate(items, 1):
        w(f"""[[items]]
id = "{pre}{n:02d}"
scale = "{sid}"
format = "pilihan4"
domain = "{sid}"
text = {t(si, se)}
options = [""")
        for k, (oi, oe) in zip(keys, opts):
            w(f"  {{ key = \"{k}\", text = {t(oi, oe)} }},")
        w(f"""]
key = "{keys[key]}"
irt = {{ model = "3pl", a = {a}, b = {b}, c = 0.2 }}
""")
print("\n".join(out))
