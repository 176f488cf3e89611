#!/usr/bin/env python3
"""Source of instruments/riasec.toml: the 60 work-activity items, written for
this project (not taken from any published inventory), with the scale texts.
Run `python3 instruments/src/riasec_items.py > instruments/riasec.toml`.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tomlgen import q, t  # noqa: E402


ITEMS = {
 "R": [
  ("bengkel", "Memperbaiki rem sepeda motor", "Fix the brakes of a motorbike"),
  ("garmen", "Menjalankan mesin jahit di pabrik garmen", "Run a sewing machine in a garment factory"),
  ("tani", "Menanam dan merawat padi di sawah", "Plant and look after rice in a paddy field"),
  ("tambak", "Memberi makan dan merawat ikan di tambak", "Feed and look after fish in a fishpond"),
  ("bangunan", "Memasang kabel listrik di rumah", "Install electric wiring in a house"),
  ("bengkel", "Merakit rak kayu dari potongan papan", "Put together a wooden shelf from cut boards"),
  ("pabrik", "Menjalankan mesin pengemas di pabrik makanan", "Run a packing machine in a food factory"),
  ("bengkel", "Memperbaiki pompa air yang rusak", "Repair a broken water pump"),
  ("bangunan", "Memasang keramik lantai di bangunan baru", "Lay floor tiles in a new building"),
  ("tani", "Merawat sapi atau kambing di kandang", "Look after cows or goats in their shed"),
 ],
 "I": [
  ("tani", "Mencari tahu mengapa tanaman cabai layu", "Find out why chilli plants are wilting"),
  ("tambak", "Memeriksa kualitas air tambak dengan alat uji", "Test the water of a fishpond with a test kit"),
  ("bengkel", "Mencari penyebab mesin yang sering mati", "Find out why a machine keeps stopping"),
  ("tani", "Membandingkan hasil dua jenis pupuk di lahan percobaan", "Compare the results of two fertilisers on a trial plot"),
  ("klinik", "Memeriksa sampel darah di laboratorium klinik", "Examine blood samples in a clinic laboratory"),
  ("daring", "Mencari tahu cara kerja aplikasi baru di ponsel", "Work out how a new phone app works"),
  ("kantor", "Mencari tahu mengapa biaya produksi naik bulan ini", "Find out why production costs went up this month"),
  ("dapur", "Menguji resep baru sampai rasanya pas", "Test a new recipe until the taste is right"),
  ("bengkel", "Membaca buku petunjuk untuk memahami cara kerja mesin", "Read a manual to understand how a machine works"),
  ("tani", "Mengamati cuaca untuk menentukan waktu tanam", "Watch the weather to decide when to plant"),
 ],
 "A": [
  ("desain", "Membuat motif batik yang baru", "Create a new batik pattern"),
  ("daring", "Mendesain poster promosi untuk toko online", "Design a promotional poster for an online shop"),
  ("daring", "Memotret produk agar tampak menarik di media sosial", "Photograph products so they look good on social media"),
  ("dapur", "Menghias kue untuk acara pernikahan", "Decorate a cake for a wedding"),
  ("garmen", "Merancang model baju yang baru", "Design a new style of clothing"),
  ("daring", "Membuat video pendek tentang kegiatan di desa", "Make a short video about activities in the village"),
  ("desain", "Menata dekorasi panggung untuk sebuah acara", "Arrange the stage decorations for an event"),
  ("daring", "Menulis kata-kata iklan untuk produk lokal", "Write the words of an advert for a local product"),
  ("desain", "Membuat kerajinan dari bambu atau anyaman", "Make crafts from bamboo or woven materials"),
  ("salon", "Merias wajah orang untuk acara pesta", "Do people's make-up for a party"),
 ],
 "S": [
  ("sekolah", "Mengajari anak-anak membaca di PAUD", "Teach young children to read at a preschool"),
  ("klinik", "Merawat orang tua yang sedang sakit", "Care for an elderly person who is ill"),
  ("klinik", "Membantu pasien yang datang ke puskesmas", "Help patients who come to the community health centre"),
  ("pabrik", "Melatih teman kerja baru memakai mesin", "Train a new co-worker to use a machine"),
  ("klinik", "Mendengarkan dan menenangkan orang yang sedang sedih", "Listen to and comfort someone who is upset"),
  ("kantor", "Membantu warga mengisi formulir bantuan sosial", "Help neighbours fill in social assistance forms"),
  ("sekolah", "Mengasuh balita di tempat penitipan anak", "Look after toddlers at a day-care centre"),
  ("wisata", "Memandu tamu berkeliling desa wisata", "Guide visitors around a tourist village"),
  ("toko", "Menjawab pertanyaan pelanggan dengan sabar", "Answer customers' questions patiently"),
  ("desa", "Mengajak pemuda desa ikut kerja bakti", "Get young people in the village to join a community clean-up"),
 ],
 "E": [
  ("dapur", "Membuka warung makan milik sendiri", "Open your own food stall"),
  ("daring", "Menjual produk lewat siaran langsung di media sosial", "Sell products through live streams on social media"),
  ("pasar", "Menawarkan barang dagangan kepada pembeli di pasar", "Offer goods to shoppers at the market"),
  ("pabrik", "Memimpin regu kerja di bagian produksi", "Lead a work team in production"),
  ("toko", "Menawar harga dengan pemasok barang", "Bargain over prices with suppliers"),
  ("toko", "Merencanakan promosi diskon di minimarket", "Plan discount promotions at a minimarket"),
  ("usaha", "Mengajak orang lain bergabung dalam usaha Anda", "Persuade other people to join your business"),
  ("tani", "Menjual hasil panen langsung kepada pembeli", "Sell the harvest directly to buyers"),
  ("usaha", "Mencari pelanggan baru untuk usaha jasa cuci pakaian", "Find new customers for a laundry business"),
  ("desa", "Berbicara di depan kelompok untuk meyakinkan mereka", "Speak in front of a group to win them over"),
 ],
 "C": [
  ("gudang", "Mencatat barang masuk dan keluar di gudang", "Record goods coming into and going out of a warehouse"),
  ("toko", "Menghitung uang kas di akhir hari", "Count the cash at the end of the day"),
  ("kantor", "Memasukkan data pelanggan ke komputer", "Enter customer data into a computer"),
  ("kantor", "Menyusun arsip surat menurut tanggal", "File letters in order of date"),
  ("toko", "Memeriksa jumlah barang di rak minimarket", "Check the stock on the shelves of a minimarket"),
  ("kantor", "Membuat laporan keuangan sederhana untuk koperasi", "Make a simple financial report for a cooperative"),
  ("pabrik", "Mengecek ukuran produk agar sesuai standar", "Check that products are the right size for the standard"),
  ("kantor", "Mengatur jadwal giliran kerja karyawan", "Arrange the staff's shift schedule"),
  ("daring", "Mencatat pesanan pembeli toko online", "Record the orders of an online shop's buyers"),
  ("kantor", "Menghitung upah harian para pekerja", "Calculate the workers' daily wages"),
 ],
}

SCALES = {
 "R": ("Realistis", "Realistic",
       "Suka bekerja dengan tangan, alat, mesin, tanaman atau hewan.",
       "Likes working with the hands, tools, machines, plants or animals.",
       "Anda suka pekerjaan praktis dengan alat, mesin, tanaman atau hewan.",
       "You like practical work with tools, machines, plants or animals."),
 "I": ("Investigatif", "Investigative",
       "Suka mencari tahu, memeriksa dan memecahkan persoalan.",
       "Likes finding out, checking and solving puzzles.",
       "Anda suka mencari tahu penyebab dan memecahkan persoalan.",
       "You like finding out causes and solving problems."),
 "A": ("Artistik", "Artistic",
       "Suka membuat hal baru, menghias, mendesain dan berkreasi.",
       "Likes making new things, decorating, designing and creating.",
       "Anda suka berkreasi: mendesain, menghias, membuat gambar atau cerita.",
       "You like creating: designing, decorating, making pictures or stories."),
 "S": ("Sosial", "Social",
       "Suka membantu, merawat, mengajar dan melayani orang.",
       "Likes helping, caring for, teaching and serving people.",
       "Anda suka kegiatan membantu, merawat, atau mengajar orang lain.",
       "You like helping, caring for or teaching other people."),
 "E": ("Wirausaha", "Enterprising",
       "Suka berjualan, memimpin, meyakinkan orang dan menjalankan usaha.",
       "Likes selling, leading, persuading people and running a business.",
       "Anda suka berjualan, memimpin, dan menjalankan usaha.",
       "You like selling, leading and running a business."),
 "C": ("Konvensional", "Conventional",
       "Suka pekerjaan yang teratur: mencatat, menghitung dan merapikan data.",
       "Likes orderly work: recording, counting and keeping data tidy.",
       "Anda suka pekerjaan yang rapi dan teratur, seperti mencatat dan menghitung.",
       "You like neat, orderly work such as recording and counting."),
}

SHORT = {"R": [1, 2, 3, 4, 5], "I": [1, 2, 3, 5, 6], "A": [1, 2, 4, 5, 6],
         "S": [1, 2, 3, 4, 9], "E": [1, 2, 3, 4, 6], "C": [1, 2, 3, 5, 9]}

TYPES = "RIASEC"




out = []
w = out.append
w("""# Minat Kerja (RIASEC) — the interest inventory of assess.
#
# 60 work activities, 10 for each of Holland's six types, answered on a
# five-point like/dislike scale, plus a 30-item short form for phones
# (5 per type) defined from the same items. Every item was written for this
# project from the work that exists in Central Java; none is taken from a
# published inventory. The file is generated from
# instruments/src/riasec_items.py.
#
# Status: provisional. The items have not yet been tried on respondents;
# there are no norms and no reliability estimates. Bands describe the
# answers (how much the person said they like the activities), not a
# comparison with other people.
format = 1

[instrument]
id = "riasec"
version = "0.1.0"
kind = "interest"
languages = ["id", "en"]
status = "provisional"
source = "Items written for this project in 2026 from work activities found in Central Java; not yet tried on respondents; no norms or reliability data yet. Bands are descriptive cut points on the 1-5 answer scale, not norms."
licence = "CC-BY-4.0"
""")
w("title = " + t("Minat Kerja", "Work Interests"))
w("description = " + t(
    "Daftar kegiatan kerja untuk mengenali jenis pekerjaan yang Anda sukai. Tidak ada jawaban benar atau salah.",
    "A list of work activities to find out which kinds of work you like. There are no right or wrong answers."))
w("instructions = " + t(
    "Bacalah setiap kegiatan. Pilih seberapa Anda suka melakukannya. Jangan pikirkan apakah Anda sudah bisa atau berapa gajinya. Jawab saja sesuai perasaan Anda.",
    "Read each activity. Choose how much you would like doing it. Do not think about whether you can already do it or what it pays. Just answer how you feel."))
w("""
[quality]
min_completion = 0.8
max_longstring = 12
min_seconds_per_item = 1.5
min_irv = 0.4

[formats.suka5]
type = "likert"
points = 5
min = 1
labels = [""")
for i, e in [("Sangat tidak suka", "Strongly dislike"), ("Tidak suka", "Dislike"), ("Ragu-ragu", "Not sure"), ("Suka", "Like"), ("Sangat suka", "Strongly like")]:
    w("  " + t(i, e) + ",")
w("]")
for ty in TYPES:
    ni, ne, di, de, hi, he = SCALES[ty]
    w(f"""
[[scales]]
id = "{ty}"
name = {t(ni, ne)}
description = {t(di, de)}
scoring = "mean"
missing = {{ max = 2, prorate = false }}
bands_on = "score"

[[scales.bands]]
id = "rendah"
min = 1.0
max = 2.5
label = {t("Rendah", "Low")}
interpretation = {t("Kegiatan " + ni.lower() + " kurang menarik bagi Anda saat ini.", ne + " activities appeal to you little at the moment.")}

[[scales.bands]]
id = "sedang"
min = 2.5
max = 3.5
label = {t("Sedang", "Medium")}
interpretation = {t("Sebagian kegiatan " + ni.lower() + " menarik bagi Anda.", "Some " + ne.lower() + " activities appeal to you.")}

[[scales.bands]]
id = "tinggi"
min = 3.5
max = 5.0
label = {t("Tinggi", "High")}
interpretation = {t(hi, he)}""")
for k in range(10):
    for ty in TYPES:
        dom, ti, te = ITEMS[ty][k]
        w(f"""
[[items]]
id = "{ty}{k + 1:02d}"
scale = "{ty}"
format = "suka5"
domain = "{dom}"
text = {t(ti, te)}""")
short = [f"{ty}{n:02d}" for k in range(5) for ty in TYPES for n in [SHORT[ty][k]]]
w("""
[[forms]]
id = "pendek"
name = """ + t("Bentuk pendek (30 butir, untuk ponsel)", "Short form (30 items, for phones)"))
w("items = [")
for k in range(0, 30, 6):
    w("  " + ", ".join(q(x) for x in short[k:k + 6]) + ",")
w("]")
print("\n".join(out))
